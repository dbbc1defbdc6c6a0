package com.staffkit.staff;

/** Published in the transaction that changes a staff member's stores or full store access. */
public record StaffStoresChanged(long staffId, long organizationId) {}
