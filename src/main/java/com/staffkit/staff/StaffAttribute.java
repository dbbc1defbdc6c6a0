package com.staffkit.staff;

import com.staffkit.common.persistence.Criterion;

/**
 * What a provisioning filter ({@link StaffProvisioning#search}) may test, each an expression over
 * {@code staff s} whose equality an index serves within the organization: {@code username} and
 * {@code email} by their {@code lower(...)} indexes, {@code remote_id} by its unique key,
 * {@code display_name} by V34's, {@code modified_at} and {@code created_at} by their ranges. The
 * rest are read within the organization's rows.
 */
public enum StaffAttribute implements Criterion.Attribute {
    ID("s.id", Criterion.Kind.NUMBER),
    USERNAME("s.username", Criterion.Kind.TEXT),
    EMAIL("s.email", Criterion.Kind.TEXT),
    FIRST_NAME("s.first_name", Criterion.Kind.TEXT),
    LAST_NAME("s.last_name", Criterion.Kind.TEXT),
    DISPLAY_NAME("s.display_name", Criterion.Kind.TEXT),
    JOB_TITLE("s.job_title", Criterion.Kind.TEXT),
    PHONE("s.phone", Criterion.Kind.TEXT),
    MOBILE_PHONE("s.mobile_phone", Criterion.Kind.TEXT),
    TIME_ZONE("s.time_zone", Criterion.Kind.TEXT),
    REMOTE_ID("s.remote_id", Criterion.Kind.EXACT_TEXT),
    ACTIVE("s.is_active", Criterion.Kind.BOOLEAN),
    CREATED_AT("s.created_at", Criterion.Kind.INSTANT),
    MODIFIED_AT("s.modified_at", Criterion.Kind.INSTANT),
    EMPLOYEE_NUMBER("s.employee_number", Criterion.Kind.TEXT),
    COST_CENTER("s.cost_center", Criterion.Kind.TEXT),
    ENTERPRISE_ORGANIZATION("s.enterprise_organization", Criterion.Kind.TEXT),
    DIVISION("s.division", Criterion.Kind.TEXT),
    DEPARTMENT("s.department", Criterion.Kind.TEXT),
    MANAGER_ID("s.manager_id", Criterion.Kind.EXACT_TEXT);

    private final String sql;
    private final Criterion.Kind kind;

    StaffAttribute(String sql, Criterion.Kind kind) {
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
