package com.staffkit.staff;

/** Published in the transaction that changes a staff member's email or username. */
public record StaffLoginChanged(long staffId, long organizationId) {}
