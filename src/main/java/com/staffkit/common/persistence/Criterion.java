package com.staffkit.common.persistence;

import java.util.List;

/**
 * A filter over a feature's rows as a tree, from a client's query language (SCIM's filters), that
 * {@link CriterionSql} renders as a SQL predicate with bound values. The feature names what may be
 * filtered as {@link Attribute}s; the caller's grammar decides which attribute and operator a
 * client meant and which operators suit its kind.
 */
public sealed interface Criterion {

    /** A filterable column or expression of a feature's query, and how its values compare. */
    interface Attribute {
        /** The SQL expression over the feature's query; code, never client input. */
        String sql();

        Kind kind();
    }

    /** An attribute that is a column (or expression) of the feature's query. */
    record Column(String sql, Kind kind) implements Attribute {}

    enum Kind {
        /** Text compared without regard to case (RFC 7643 {@code caseExact: false}). */
        TEXT,
        /** Text compared exactly, such as an external id. */
        EXACT_TEXT,
        BOOLEAN,
        NUMBER,
        INSTANT
    }

    enum Operator {
        EQ,
        NE,
        CO,
        SW,
        EW,
        GT,
        GE,
        LT,
        LE
    }

    /** {@code attribute operator value}; the value is a String, Boolean, Long or Instant as the kind says. */
    record Comparison(Attribute attribute, Operator operator, Object value) implements Criterion {}

    /** The attribute has a value (not null, and for text not empty). */
    record Present(Attribute attribute) implements Criterion {}

    record All(List<Criterion> parts) implements Criterion {}

    record Any(List<Criterion> parts) implements Criterion {}

    record Not(Criterion part) implements Criterion {}

    /** Known without the database, such as a comparison on a value every row has. */
    record Constant(boolean value) implements Criterion {}

    Criterion TRUE = new Constant(true);
    Criterion FALSE = new Constant(false);
}
