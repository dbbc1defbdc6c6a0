package com.staffkit.common.security;

import java.util.Set;

/**
 * Who is calling, built once per request by authentication. Services take it as an argument
 * instead of reading a static security context.
 *
 * @param staffId the staff member behind the request, or null for an API key
 * @param apiKeyId the API key behind the request, or null for a staff member
 * @param organizationId the caller's own organization
 * @param allOrganizations true for a superadmin, who sees every organization
 * @param visibleOrganizationIds the organizations whose rows the caller may see (its own and its descendants)
 * @param permissions the union of the permissions of the caller's roles
 * @param storeScope the stores whose staff a store-scoped manager sees, or null for every store
 * @param keyOwnerId for an API key, the staff member who created it: the key counts as that person
 *     wherever acting on oneself is refused, and never changes that person's login, roles or state
 */
public record Caller(
        Long staffId,
        Long apiKeyId,
        long organizationId,
        boolean allOrganizations,
        Set<Long> visibleOrganizationIds,
        Set<String> permissions,
        Set<Long> storeScope,
        Long keyOwnerId) {

    public Caller {
        visibleOrganizationIds = Set.copyOf(visibleOrganizationIds);
        permissions = Set.copyOf(permissions);
        storeScope = storeScope == null ? null : Set.copyOf(storeScope);
    }

    public static Caller staff(
            long staffId,
            long organizationId,
            boolean allOrganizations,
            Set<Long> visible,
            Set<String> permissions,
            Set<Long> storeScope) {
        return new Caller(staffId, null, organizationId, allOrganizations, visible, permissions, storeScope, null);
    }

    /** A key's permissions and store scope are bounded by its creator's current ones. */
    public static Caller apiKey(
            long apiKeyId,
            long organizationId,
            Set<Long> visible,
            Set<String> permissions,
            Set<Long> storeScope,
            Long keyOwnerId) {
        return new Caller(null, apiKeyId, organizationId, false, visible, permissions, storeScope, keyOwnerId);
    }

    /** True when the caller manages every store of its organizations rather than only its own. */
    public boolean hasFullStoreAccess() {
        return storeScope == null;
    }

    /** The stores to filter staff by in SQL, or null when the caller sees every store. */
    public Long[] storeFilter() {
        return storeScope == null ? null : storeScope.toArray(Long[]::new);
    }

    public boolean has(String permission) {
        return permissions.contains(permission);
    }

    public boolean hasAll(Set<String> required) {
        return permissions.containsAll(required);
    }

    /** True when this staff member makes the request themselves (a session of theirs, never a key). */
    public boolean isSelf(long staff) {
        return staffId != null && staffId == staff;
    }

    /** True when the request is made with an API key this staff member created. */
    public boolean isKeyCreatedBy(long staff) {
        return apiKeyId != null && keyOwnerId != null && keyOwnerId == staff;
    }

    /**
     * True when the request is made by this staff member or by a key they created: where acting on
     * oneself is refused (own roles, deactivating oneself), a key counts as its creator.
     */
    public boolean actsFor(long staff) {
        return isSelf(staff) || isKeyCreatedBy(staff);
    }

    public boolean isStaff() {
        return staffId != null;
    }

    public boolean canSee(long organization) {
        return allOrganizations || visibleOrganizationIds.contains(organization);
    }

    /** The organizations to filter by in SQL, or null when the caller sees them all. */
    public Long[] organizationFilter() {
        return allOrganizations ? null : visibleOrganizationIds.toArray(Long[]::new);
    }
}
