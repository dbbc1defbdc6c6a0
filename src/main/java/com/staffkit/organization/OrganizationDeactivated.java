package com.staffkit.organization;

/** Published in the transaction that deactivates an organization; its logins and keys stop working. */
public record OrganizationDeactivated(long organizationId) {}
