package com.staffkit.staff;

import com.staffkit.organization.OrganizationDirectory;
import com.staffkit.role.RoleCatalog;
import com.staffkit.role.RoleGrant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What registering a staff member looks up: whether the organization is active, the requested
 * roles, the requested stores. One registration asks the database; the items of one bulk request
 * or import batch remember the answers, so a thousand members of the same stores and roles cost a
 * handful of queries instead of thousands.
 */
class RegistrationLookups {

    private final OrganizationDirectory organizations;
    private final RoleCatalog roleCatalog;
    private final StaffStores stores;
    private final boolean remembers;
    private final @Nullable RegistrationLookupCache cache;
    private final Map<Long, Boolean> activeOrganizations = new HashMap<>();
    private final Map<RolesKey, List<RoleGrant>> roles = new HashMap<>();
    private final Map<Long, StaffStores.StoreRef> knownStores = new HashMap<>();

    private RegistrationLookups(
            OrganizationDirectory organizations,
            RoleCatalog roleCatalog,
            StaffStores stores,
            boolean remembers,
            @Nullable RegistrationLookupCache cache) {
        this.organizations = organizations;
        this.roleCatalog = roleCatalog;
        this.stores = stores;
        this.remembers = remembers;
        this.cache = cache;
    }

    static RegistrationLookups direct(OrganizationDirectory organizations, RoleCatalog roles, StaffStores stores) {
        return new RegistrationLookups(organizations, roles, stores, false, null);
    }

    /** Lookups that remember their answers: for one request's or one batch's worth of registrations. */
    RegistrationLookups remembering() {
        return new RegistrationLookups(organizations, roleCatalog, stores, true, null);
    }

    /** Lookups of organizations and roles kept in memory across requests (single creates, see {@link RegistrationLookupCache}). */
    RegistrationLookups cachedIn(RegistrationLookupCache kept) {
        return new RegistrationLookups(organizations, roleCatalog, stores, false, kept);
    }

    boolean organizationActive(long organizationId) {
        if (cache != null) {
            return cache.organizationInForce(organizationId, organizations::isActive);
        }
        if (!remembers) {
            return organizations.isActive(organizationId);
        }
        return activeOrganizations.computeIfAbsent(organizationId, organizations::isActive);
    }

    /** The roles by name; unknown names are refused (400) every time they are asked for. */
    List<RoleGrant> roles(long organizationId, List<String> names) {
        if (cache != null) {
            return cache.roles(organizationId, names, () -> roleCatalog.resolve(organizationId, names));
        }
        if (!remembers) {
            return roleCatalog.resolve(organizationId, names);
        }
        RolesKey key = new RolesKey(organizationId, names);
        List<RoleGrant> found = roles.get(key);
        if (found == null) {
            found = roleCatalog.resolve(organizationId, names);
            roles.put(key, found);
        }
        return found;
    }

    /** The stores of these ids that exist, whatever their organization. */
    List<StaffStores.StoreRef> stores(Collection<Long> ids) {
        if (!remembers) {
            return stores.find(ids);
        }
        List<Long> missing =
                ids.stream().filter(id -> !knownStores.containsKey(id)).toList();
        if (!missing.isEmpty()) {
            stores.find(missing).forEach(store -> knownStores.put(store.id(), store));
        }
        return ids.stream().map(knownStores::get).filter(Objects::nonNull).toList();
    }

    private record RolesKey(long organizationId, List<String> names) {}
}
