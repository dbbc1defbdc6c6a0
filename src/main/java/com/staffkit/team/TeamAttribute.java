package com.staffkit.team;

import com.staffkit.common.persistence.Criterion;

/**
 * What a provisioning filter ({@link TeamProvisioning#search}) may test, over {@code teams t}:
 * {@code name} by {@code uk_teams_organization_name} (lower case), {@code external_id} by its
 * unique key (V34), the rest within the organization's teams.
 */
public enum TeamAttribute implements Criterion.Attribute {
    ID("t.id", Criterion.Kind.NUMBER),
    NAME("t.name", Criterion.Kind.TEXT),
    EXTERNAL_ID("t.external_id", Criterion.Kind.EXACT_TEXT),
    CREATED_AT("t.created_at", Criterion.Kind.INSTANT),
    MODIFIED_AT("t.modified_at", Criterion.Kind.INSTANT);

    private final String sql;
    private final Criterion.Kind kind;

    TeamAttribute(String sql, Criterion.Kind kind) {
        this.sql = sql;
        this.kind = kind;
    }

    @Override
    public String sql() {
        return sql;
    }

    @Override
    public Criterion.Kind kind() {
        return kind;
    }
}
