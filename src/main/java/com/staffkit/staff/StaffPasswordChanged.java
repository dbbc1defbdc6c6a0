package com.staffkit.staff;

/** Published in the transaction that changes a staff member's password. */
public record StaffPasswordChanged(long staffId, long organizationId) {}
