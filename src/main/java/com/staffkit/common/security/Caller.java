package com.staffkit.common.security;

import java.util.Set;

/**
 * Who is calling, built once per request by authentication. Services take it as an argument
 * instead of reading a static security context.
 *
 * @param staffId the staff member behind the request
 * @param organizationId the caller's own organization
 * @param allOrganizations true for a superadmin, who sees every organization
 * @param visibleOrganizationIds the organizations whose rows the caller may see (its own and its descendants)
 * @param permissions the union of the permissions of the caller's roles
 */
public record Caller(
        long staffId,
        long organizationId,
        boolean allOrganizations,
        Set<Long> visibleOrganizationIds,
        Set<String> permissions) {

    public Caller {
        visibleOrganizationIds = Set.copyOf(visibleOrganizationIds);
        permissions = Set.copyOf(permissions);
    }

    public boolean has(String permission) {
        return permissions.contains(permission);
    }

    public boolean hasAll(Set<String> required) {
        return permissions.containsAll(required);
    }

    public boolean canSee(long organization) {
        return allOrganizations || visibleOrganizationIds.contains(organization);
    }

    /** The organizations to filter by in SQL, or null when the caller sees them all. */
    public Long[] organizationFilter() {
        return allOrganizations ? null : visibleOrganizationIds.toArray(Long[]::new);
    }
}
