package com.staffkit.staff;

/**
 * Published in the transaction that creates a pending staff member who has an email and can log in,
 * with what the activation email needs of the account (so it is not read back).
 */
public record ActivationRequested(AccountSummary account) {}
