package com.staffkit.organization;

/** Published in the transaction that creates an organization. */
public record OrganizationCreated(long organizationId, String slug) {}
