package com.staffkit.staff;

import com.staffkit.common.persistence.ScopeSql;
import com.staffkit.common.persistence.SqlWhere;
import com.staffkit.common.security.Caller;
import com.staffkit.common.security.Scope;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Which staff rows a caller may see: its organizations and, for a caller narrowed to some stores, the stores a
 * row must share with it. Both say "all" or "only these" explicitly. Whatever its scope, a caller
 * always sees its own staff row ({@code self}), so it can read itself and be told 403, not 404, where
 * acting on oneself is refused.
 */
record Visibility(
        Scope<Long> organizations,
        Scope<Long> storeScope,
        @Nullable Long self) {

    Visibility {
        Objects.requireNonNull(organizations, "organizations");
        Objects.requireNonNull(storeScope, "storeScope");
    }

    static Visibility of(Caller caller) {
        return new Visibility(caller.organizations(), caller.storeScope(), caller.staffId());
    }

    /** Every staff row of one organization: for the service's own lookups, not for a caller. */
    static Visibility organization(long organizationId) {
        return new Visibility(Scope.only(Set.of(organizationId)), Scope.all(), null);
    }

    /** Whether the store scope lets the caller see a staff member with these stores (organizations aside). */
    boolean coversStores(long staffId, Collection<Long> staffStores) {
        return storeScope.isAll() || isSelf(staffId) || storeScope.intersects(staffStores);
    }

    /** Whether the caller may see this row: the rule of {@link StaffConditions#visible}, on a row in memory. */
    boolean sees(StaffRow row) {
        // Every page row passes here: its store ids are listed only for a caller narrowed to some stores.
        return organizations.contains(row.organizationId())
                && (storeScope.isAll()
                        || coversStores(
                                row.id(),
                                row.retailStores().stream()
                                        .map(StaffResponse.StoreSummary::id)
                                        .toList()));
    }

    private boolean isSelf(long staffId) {
        return self != null && self == staffId;
    }

    /**
     * The store scope as an SQL predicate on the staff row {@code alias}, binding {@link #storeParams}:
     * every store, or the caller itself, or a row sharing one of the caller's stores.
     */
    String storeScopeSql(String alias) {
        String shared = "exists (select 1 from staff_stores vs where vs.staff_id = " + alias
                + ".id and vs.store_id = any(:scopeStores))";
        String own = self == null ? "" : alias + ".id = :scopeSelf or ";
        // The text follows the scope's variant, like SqlWhere.andIn: no flag ORed in for the planner to guess.
        return switch (storeScope) {
            case Scope.All<Long> all -> "true";
            case Scope.Only<Long> only -> "(" + own + shared + ")";
        };
    }

    /** The values {@link #storeScopeSql} binds: the caller's stores and its own row, when only some stores are in scope. */
    Map<String, Object> storeParams() {
        Map<String, Object> params = new java.util.HashMap<>();
        if (storeScope instanceof Scope.Only<Long> only) {
            params.put("scopeStores", ScopeSql.members(only));
            if (self != null) {
                params.put("scopeSelf", self);
            }
        }
        return params;
    }

    /** Adds the store scope to a query on the staff row {@code alias}. */
    void andStoreScope(SqlWhere where, String alias) {
        where.and(storeScopeSql(alias));
        storeParams().forEach(where::bind);
    }
}
