package com.staffkit.common.security;

import com.staffkit.common.error.ForbiddenException;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Who is calling, built once per request by authentication. Services take it as an argument
 * instead of reading a static security context.
 *
 * @param staffId the staff member behind the request, or null for an API key
 * @param apiKeyId the API key behind the request, or null for a staff member
 * @param organizationId the caller's own organization
 * @param organizations the organizations whose rows the caller may see: all of them for a superadmin,
 *     else its own and its descendants
 * @param permissions the union of the permissions of the caller's roles
 * @param storeScope the stores whose staff the caller sees and changes: all of them, or only the
 *     assigned stores of a staff member holding a role that scopes to them ({@code staff_store_scope()})
 * @param keyOwnerId for an API key, the staff member who created it: the key counts as that person
 *     wherever acting on oneself is refused, and never changes that person's login, roles or state
 */
public record Caller(
        @Nullable Long staffId,
        @Nullable Long apiKeyId,
        long organizationId,
        Scope<Long> organizations,
        Set<String> permissions,
        Scope<Long> storeScope,
        @Nullable Long keyOwnerId) {

    /** A caller without a scope is a bug upstream: it fails here instead of seeing everything. */
    public Caller {
        Objects.requireNonNull(organizations, "organizations");
        Objects.requireNonNull(storeScope, "storeScope");
        permissions = Set.copyOf(permissions);
    }

    public static Caller staff(
            long staffId,
            long organizationId,
            Scope<Long> organizations,
            Set<String> permissions,
            Scope<Long> storeScope) {
        return new Caller(staffId, null, organizationId, organizations, permissions, storeScope, null);
    }

    /** A key's permissions and store scope are bounded by its creator's current ones. */
    public static Caller apiKey(
            long apiKeyId,
            long organizationId,
            Scope<Long> organizations,
            Set<String> permissions,
            Scope<Long> storeScope,
            @Nullable Long keyOwnerId) {
        return new Caller(null, apiKeyId, organizationId, organizations, permissions, storeScope, keyOwnerId);
    }

    /** True for a superadmin, who sees every organization. */
    public boolean allOrganizations() {
        return organizations.isAll();
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

    /**
     * The staff member making the request. An API key is not a staff member: it has no profile,
     * password or current store of its own, so asking for one is refused with {@code detail} (403).
     */
    public long requireStaff(String detail) {
        if (staffId == null) {
            throw new ForbiddenException(detail);
        }
        return staffId;
    }

    public boolean canSee(long organization) {
        return organizations.contains(organization);
    }
}
