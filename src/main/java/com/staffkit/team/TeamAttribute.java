package com.staffkit.team;

import com.staffkit.common.persistence.Criterion;

/**
 * What a provisioning filter ({@link TeamProvisioning#search}) may test, over {@code teams t}:
 * {@code name} by {@code uk_teams_organization_name} (lower case), {@code external_id} by its
 * unique key (V34), the rest within the organization's teams.
 */
public final class TeamAttribute {

    public static final Criterion.Column ID = new Criterion.Column("t.id", Criterion.Kind.NUMBER);
    public static final Criterion.Column NAME = new Criterion.Column("t.name", Criterion.Kind.TEXT);
    public static final Criterion.Column EXTERNAL_ID = new Criterion.Column("t.external_id", Criterion.Kind.EXACT_TEXT);
    public static final Criterion.Column CREATED_AT = new Criterion.Column("t.created_at", Criterion.Kind.INSTANT);
    public static final Criterion.Column MODIFIED_AT = new Criterion.Column("t.modified_at", Criterion.Kind.INSTANT);

    private TeamAttribute() {}
}
