package com.staffkit.staff;

import com.staffkit.common.persistence.Criterion;

/**
 * What a provisioning filter ({@link StaffProvisioning#search}) may test, each an expression over
 * {@code staff s} whose equality an index serves within the organization: {@code username} and
 * {@code email} by their {@code lower(...)} indexes, {@code remote_id} by its unique key,
 * {@code display_name} by V34's, {@code first_name} and {@code last_name} by V35's {@code lower(...)}
 * indexes (prefixes too), {@code is_active} by the organization's id index (V35),
 * {@code modified_at} and {@code created_at} by their ranges. The rest, and {@code co} and
 * {@code ew} on any text, are read within the organization's rows.
 */
public final class StaffAttribute {

    public static final Criterion.Column ID = new Criterion.Column("s.id", Criterion.Kind.NUMBER);
    public static final Criterion.Column USERNAME = new Criterion.Column("s.username", Criterion.Kind.TEXT);
    public static final Criterion.Column EMAIL = new Criterion.Column("s.email", Criterion.Kind.TEXT);
    public static final Criterion.Column FIRST_NAME = new Criterion.Column("s.first_name", Criterion.Kind.TEXT);
    public static final Criterion.Column LAST_NAME = new Criterion.Column("s.last_name", Criterion.Kind.TEXT);
    public static final Criterion.Column DISPLAY_NAME = new Criterion.Column("s.display_name", Criterion.Kind.TEXT);
    public static final Criterion.Column JOB_TITLE = new Criterion.Column("s.job_title", Criterion.Kind.TEXT);
    public static final Criterion.Column PHONE = new Criterion.Column("s.phone", Criterion.Kind.TEXT);
    public static final Criterion.Column MOBILE_PHONE = new Criterion.Column("s.mobile_phone", Criterion.Kind.TEXT);
    public static final Criterion.Column TIME_ZONE = new Criterion.Column("s.time_zone", Criterion.Kind.TEXT);
    public static final Criterion.Column REMOTE_ID = new Criterion.Column("s.remote_id", Criterion.Kind.EXACT_TEXT);
    public static final Criterion.Column ACTIVE = new Criterion.Column("s.is_active", Criterion.Kind.BOOLEAN);
    public static final Criterion.Column CREATED_AT = new Criterion.Column("s.created_at", Criterion.Kind.INSTANT);
    public static final Criterion.Column MODIFIED_AT = new Criterion.Column("s.modified_at", Criterion.Kind.INSTANT);
    public static final Criterion.Column EMPLOYEE_NUMBER =
            new Criterion.Column("s.employee_number", Criterion.Kind.TEXT);
    public static final Criterion.Column COST_CENTER = new Criterion.Column("s.cost_center", Criterion.Kind.TEXT);
    public static final Criterion.Column ENTERPRISE_ORGANIZATION =
            new Criterion.Column("s.enterprise_organization", Criterion.Kind.TEXT);
    public static final Criterion.Column DIVISION = new Criterion.Column("s.division", Criterion.Kind.TEXT);
    public static final Criterion.Column DEPARTMENT = new Criterion.Column("s.department", Criterion.Kind.TEXT);
    public static final Criterion.Column MANAGER_ID = new Criterion.Column("s.manager_id", Criterion.Kind.EXACT_TEXT);

    private StaffAttribute() {}
}
