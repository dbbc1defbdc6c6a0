package com.staffkit.staff;

/** Published in the transaction that changes a staff member's roles. */
public record StaffRolesChanged(long staffId, long organizationId) {}
