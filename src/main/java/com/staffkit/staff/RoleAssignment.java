package com.staffkit.staff;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** A row of {@code staff_roles}; it carries the organization so the table stays tenant-scoped. */
@Embeddable
record RoleAssignment(
        @Column(name = "role_id", nullable = false) Long roleId,
        @Column(name = "organization_id", nullable = false) Long organizationId) {}
