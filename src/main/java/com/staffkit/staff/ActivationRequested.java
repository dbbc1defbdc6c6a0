package com.staffkit.staff;

/** Published in the transaction that creates a pending staff member who has an email and can log in. */
public record ActivationRequested(long staffId, long organizationId) {}
