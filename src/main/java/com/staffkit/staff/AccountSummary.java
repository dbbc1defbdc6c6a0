package com.staffkit.staff;

/** What account emails and their tokens need to know of a staff member. */
public record AccountSummary(
        long staffId, long organizationId, String firstName, String email, boolean active, boolean activated) {}
