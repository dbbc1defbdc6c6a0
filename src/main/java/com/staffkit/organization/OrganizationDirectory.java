package com.staffkit.organization;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What other features need to know about organizations. */
@Service
@Transactional(readOnly = true)
public class OrganizationDirectory {

    private final OrganizationQueries queries;

    OrganizationDirectory(OrganizationQueries queries) {
        this.queries = queries;
    }

    /** True when the organization and every organization above it are active ({@code organization_in_force}, V24). */
    public boolean isActive(long organizationId) {
        return queries.isActive(organizationId);
    }

    public String name(long organizationId) {
        return queries.name(organizationId);
    }

    /** The organization a fresh database starts with, created by migration. */
    public long defaultOrganizationId() {
        return queries.defaultOrganizationId();
    }
}
