package com.staffkit.scim;

import com.fasterxml.jackson.databind.node.ValueNode;
import com.staffkit.common.input.NulCharacters;
import com.staffkit.common.persistence.Criterion;
import com.staffkit.common.persistence.Criterion.Attribute;
import com.staffkit.common.persistence.Criterion.Kind;
import com.staffkit.common.persistence.Criterion.Operator;
import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.filters.AndFilter;
import com.unboundid.scim2.common.filters.ComparisonFilter;
import com.unboundid.scim2.common.filters.ComplexValueFilter;
import com.unboundid.scim2.common.filters.ContainsFilter;
import com.unboundid.scim2.common.filters.EndsWithFilter;
import com.unboundid.scim2.common.filters.EqualFilter;
import com.unboundid.scim2.common.filters.Filter;
import com.unboundid.scim2.common.filters.GreaterThanFilter;
import com.unboundid.scim2.common.filters.GreaterThanOrEqualFilter;
import com.unboundid.scim2.common.filters.LessThanFilter;
import com.unboundid.scim2.common.filters.LessThanOrEqualFilter;
import com.unboundid.scim2.common.filters.NotEqualFilter;
import com.unboundid.scim2.common.filters.NotFilter;
import com.unboundid.scim2.common.filters.OrFilter;
import com.unboundid.scim2.common.filters.PresentFilter;
import com.unboundid.scim2.common.filters.StartsWithFilter;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A SCIM filter (RFC 7644 §3.4.2.2), parsed by the UnboundID SDK, as a {@link Criterion} over a
 * resource's attributes, so it runs in the database. Attribute names are case-insensitive and may
 * carry their schema's URN. A multi-valued attribute ({@code emails}) is a list of elements whose
 * sub-attributes are columns or fixed values ({@code type} "work"), so {@code emails.value},
 * {@code emails[type eq "work"]} and {@code emails[type eq "work"].value eq "..."} all work. An
 * attribute the resource does not have, or an operator its type cannot take, is {@code invalidFilter}.
 */
final class ScimFilters {

    /** What a filter may name: one column, or the elements of a multi-valued attribute. */
    sealed interface Target {}

    record Single(Attribute attribute) implements Target {}

    /** An element's sub-attributes, lower case: each an {@link Attribute} or a fixed String/Boolean. */
    record Multi(List<Map<String, Object>> elements) implements Target {}

    private final Map<String, Target> targets;
    private final List<String> schemas;

    /**
     * @param targets by lower-case name, sub-attributes dotted ({@code "name.givenname"})
     * @param schemas the resource's schema URNs, which may prefix a name
     */
    ScimFilters(Map<String, Target> targets, List<String> schemas) {
        this.targets = targets;
        this.schemas = schemas;
    }

    Criterion parse(@Nullable String filter) {
        if (filter == null || filter.isBlank()) {
            return Criterion.TRUE;
        }
        return criterion(ScimFilterText.parse(filter), null);
    }

    /** @param element the element of a multi-valued attribute a value filter is inside, or null at the top */
    private Criterion criterion(Filter filter, @Nullable Map<String, Object> element) {
        return switch (filter) {
            case AndFilter and ->
                new Criterion.All(and.getCombinedFilters().stream()
                        .map(f -> criterion(f, element))
                        .toList());
            case OrFilter or ->
                new Criterion.Any(or.getCombinedFilters().stream()
                        .map(f -> criterion(f, element))
                        .toList());
            case NotFilter not -> new Criterion.Not(criterion(not.getInvertedFilter(), element));
            case ComplexValueFilter complex -> {
                if (element != null) {
                    throw ScimException.invalidFilter("Value filters do not nest.");
                }
                Multi multi = multi(complex.getAttributePath());
                yield any(
                        multi,
                        each -> present(each, "value", true, complex.getAttributePath())
                                .and(criterion(complex.getValueFilter(), each)));
            }
            case PresentFilter present ->
                element != null
                        ? present(element, subName(present.getAttributePath()), false, present.getAttributePath())
                                .criterion()
                        : topPresent(present.getAttributePath());
            case ComparisonFilter comparison ->
                element != null
                        ? compare(element, subName(comparison.getAttributePath()), comparison)
                        : topComparison(comparison);
            default -> throw ScimException.invalidFilter("Unsupported filter: " + filter);
        };
    }

    private Criterion topPresent(Path path) {
        Resolved resolved = resolve(path);
        return switch (resolved.target()) {
            case Single single -> new Criterion.Present(single.attribute());
            case Multi multi ->
                any(multi, each -> present(each, resolved.sub(), true, path).criterion());
        };
    }

    private Criterion topComparison(ComparisonFilter comparison) {
        Resolved resolved = resolve(comparison.getAttributePath());
        return switch (resolved.target()) {
            case Single single -> comparison(single.attribute(), comparison);
            case Multi multi ->
                any(
                        multi,
                        each -> present(each, resolved.sub(), true, comparison.getAttributePath())
                                .and(compare(each, resolved.sub(), comparison)));
        };
    }

    private record Resolved(Target target, String sub) {}

    /** The target a path names; for a multi-valued attribute, the sub-attribute (default {@code value}). */
    private Resolved resolve(Path path) {
        String name = name(path);
        Target direct = targets.get(name);
        if (direct instanceof Single) {
            return new Resolved(direct, "value");
        }
        if (direct instanceof Multi) {
            return new Resolved(direct, "value");
        }
        int dot = name.lastIndexOf('.');
        if (dot > 0 && targets.get(name.substring(0, dot)) instanceof Multi multi) {
            return new Resolved(multi, name.substring(dot + 1));
        }
        throw ScimException.invalidFilter("Filtering on '" + path + "' is not supported.");
    }

    private Multi multi(Path path) {
        if (targets.get(name(path)) instanceof Multi multi) {
            return multi;
        }
        throw ScimException.invalidFilter("'" + path + "' is not a multi-valued attribute of this resource.");
    }

    /** The path's attribute names, lower case and dotted, without a schema URN of this resource. */
    private String name(Path path) {
        String urn = path.getSchemaUrn();
        if (urn != null && schemas.stream().noneMatch(urn::equalsIgnoreCase)) {
            throw ScimException.invalidFilter("Unknown schema " + urn + ".");
        }
        List<String> parts = new ArrayList<>();
        for (Path.Element element : path) {
            parts.add(element.getAttribute().toLowerCase(Locale.ROOT));
        }
        return String.join(".", parts);
    }

    private static String subName(Path path) {
        if (path.size() != 1) {
            throw ScimException.invalidFilter("Inside a value filter, name a sub-attribute: '" + path + "'.");
        }
        return path.getElement(0).getAttribute().toLowerCase(Locale.ROOT);
    }

    /** A condition on one element, joined with another by {@link #and}. */
    private record Part(Criterion criterion) {
        Criterion and(Criterion other) {
            return new Criterion.All(List.of(criterion, other));
        }
    }

    private static Part present(Map<String, Object> element, String sub, boolean required, Path path) {
        Object value = element.get(sub);
        if (value == null) {
            if (required && !sub.equals("value")) {
                throw ScimException.invalidFilter("Filtering on '" + path + "' is not supported.");
            }
            return new Part(sub.equals("value") || !element.containsKey(sub) ? Criterion.FALSE : Criterion.TRUE);
        }
        return new Part(value instanceof Attribute attribute ? new Criterion.Present(attribute) : Criterion.TRUE);
    }

    private static Criterion any(Multi multi, Function<Map<String, Object>, Criterion> condition) {
        return new Criterion.Any(multi.elements().stream().map(condition).toList());
    }

    private static Criterion compare(Map<String, Object> element, String sub, ComparisonFilter comparison) {
        Object value = element.get(sub);
        if (value instanceof Attribute attribute) {
            return comparison(attribute, comparison);
        }
        if (!element.containsKey(sub)
                && !Set.of("type", "primary", "display", "value").contains(sub)) {
            throw ScimException.invalidFilter("Filtering on '" + comparison.getAttributePath() + "' is not supported.");
        }
        return new Criterion.Constant(fixed(value, comparison));
    }

    /** A comparison with a value every row has in this element, decided here. */
    private static boolean fixed(@Nullable Object value, ComparisonFilter comparison) {
        ValueNode expected = comparison.getComparisonValue();
        if (value == null || expected == null || expected.isNull()) {
            boolean bothNull = value == null && (expected == null || expected.isNull());
            return comparison instanceof NotEqualFilter ? !bothNull : comparison instanceof EqualFilter && bothNull;
        }
        if (value instanceof Boolean flag) {
            boolean equal = expected.isBoolean()
                    ? expected.booleanValue() == flag
                    : expected.asText().equalsIgnoreCase(flag.toString());
            return switch (comparison) {
                case EqualFilter ignored -> equal;
                case NotEqualFilter ignored -> !equal;
                default -> throw ScimException.invalidFilter("A boolean takes only eq and ne.");
            };
        }
        String actual = value.toString().toLowerCase(Locale.ROOT);
        String text = expected.asText().toLowerCase(Locale.ROOT);
        return switch (comparison) {
            case EqualFilter ignored -> actual.equals(text);
            case NotEqualFilter ignored -> !actual.equals(text);
            case ContainsFilter ignored -> actual.contains(text);
            case StartsWithFilter ignored -> actual.startsWith(text);
            case EndsWithFilter ignored -> actual.endsWith(text);
            case GreaterThanFilter ignored -> actual.compareTo(text) > 0;
            case GreaterThanOrEqualFilter ignored -> actual.compareTo(text) >= 0;
            case LessThanFilter ignored -> actual.compareTo(text) < 0;
            case LessThanOrEqualFilter ignored -> actual.compareTo(text) <= 0;
            default -> throw ScimException.invalidFilter("Unsupported filter: " + comparison);
        };
    }

    private static Criterion comparison(Attribute attribute, ComparisonFilter comparison) {
        Operator operator = operator(comparison);
        ValueNode expected = comparison.getComparisonValue();
        if (expected == null || expected.isNull()) {
            return switch (operator) {
                case EQ -> new Criterion.Not(new Criterion.Present(attribute));
                case NE -> new Criterion.Present(attribute);
                default -> throw ScimException.invalidFilter("Only eq and ne compare with null.");
            };
        }
        if (NulCharacters.in(expected.asText())) {
            throw ScimException.invalidFilter("A filter value " + NulCharacters.MESSAGE + ".");
        }
        Kind kind = attribute.kind();
        return switch (kind) {
            case TEXT, EXACT_TEXT -> new Criterion.Comparison(attribute, operator, expected.asText());
            case BOOLEAN -> {
                if (operator != Operator.EQ && operator != Operator.NE) {
                    throw ScimException.invalidFilter("A boolean takes only eq and ne: " + comparison + ".");
                }
                yield new Criterion.Comparison(attribute, operator, bool(expected, comparison));
            }
            case NUMBER -> number(attribute, operator, expected, comparison);
            case INSTANT -> {
                if (operator == Operator.CO || operator == Operator.SW || operator == Operator.EW) {
                    throw ScimException.invalidFilter(
                            "A dateTime takes eq, ne, gt, ge, lt and le: " + comparison + ".");
                }
                yield new Criterion.Comparison(attribute, operator, instant(expected, comparison));
            }
        };
    }

    /** An id is text in SCIM; one that is no number matches no row (and {@code ne} every row). */
    private static Criterion number(
            Attribute attribute, Operator operator, ValueNode expected, ComparisonFilter filter) {
        if (operator == Operator.CO || operator == Operator.SW || operator == Operator.EW) {
            throw ScimException.invalidFilter("An id takes eq, ne, gt, ge, lt and le: " + filter + ".");
        }
        try {
            return new Criterion.Comparison(
                    attribute, operator, Long.parseLong(expected.asText().trim()));
        } catch (NumberFormatException ex) {
            return switch (operator) {
                case EQ -> Criterion.FALSE;
                case NE -> Criterion.TRUE;
                default -> throw ScimException.invalidFilter("An id compares with an id: " + filter + ".");
            };
        }
    }

    private static boolean bool(ValueNode expected, ComparisonFilter filter) {
        if (expected.isBoolean()) {
            return expected.booleanValue();
        }
        String text = expected.asText().trim().toLowerCase(Locale.ROOT);
        if (text.equals("true") || text.equals("false")) {
            return Boolean.parseBoolean(text);
        }
        throw ScimException.invalidFilter("A boolean compares with true or false: " + filter + ".");
    }

    private static Instant instant(ValueNode expected, ComparisonFilter filter) {
        try {
            return OffsetDateTime.parse(expected.asText().trim()).toInstant();
        } catch (DateTimeParseException ex) {
            throw ScimException.invalidFilter("A dateTime is written as 2026-01-31T12:00:00Z: " + filter + ".");
        }
    }

    private static Operator operator(ComparisonFilter filter) {
        return switch (filter) {
            case EqualFilter ignored -> Operator.EQ;
            case NotEqualFilter ignored -> Operator.NE;
            case ContainsFilter ignored -> Operator.CO;
            case StartsWithFilter ignored -> Operator.SW;
            case EndsWithFilter ignored -> Operator.EW;
            case GreaterThanFilter ignored -> Operator.GT;
            case GreaterThanOrEqualFilter ignored -> Operator.GE;
            case LessThanFilter ignored -> Operator.LT;
            case LessThanOrEqualFilter ignored -> Operator.LE;
            default -> throw ScimException.invalidFilter("Unsupported filter: " + filter);
        };
    }
}
