package com.staffkit.staff;

/** Published in the transaction that deactivates a staff member. */
public record StaffDeactivated(long staffId, long organizationId) {}
