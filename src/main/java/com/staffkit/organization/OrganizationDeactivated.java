package com.staffkit.organization;

/**
 * Published in the transaction that deactivates an organization: the sessions of its staff and of its
 * descendants' staff end, and their logins and keys stop working while it stays inactive.
 */
public record OrganizationDeactivated(long organizationId) {}
