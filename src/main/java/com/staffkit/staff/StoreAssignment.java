package com.staffkit.staff;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** A row of {@code staff_stores}: a store the staff member is assigned to. */
@Embeddable
record StoreAssignment(
        @Column(name = "store_id", nullable = false) Long storeId,
        @Column(name = "organization_id", nullable = false) Long organizationId) {}
