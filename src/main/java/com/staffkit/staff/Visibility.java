package com.staffkit.staff;

import com.staffkit.common.security.Caller;
import java.util.Arrays;
import java.util.Collection;

/**
 * Which staff rows a caller may see: its organizations (null: all) and, for a store-scoped
 * manager, the stores a row must share with it (null: any). Whatever its scope, a caller always
 * sees its own staff row ({@code self}), so it can read itself and be told 403, not 404, where
 * acting on oneself is refused.
 */
record Visibility(Long[] organizations, Long[] stores, Long self) {

    static Visibility of(Caller caller) {
        return new Visibility(caller.organizationFilter(), caller.storeFilter(), caller.staffId());
    }

    static Visibility organization(long organizationId) {
        return new Visibility(new Long[] {organizationId}, null, null);
    }

    /** Whether the store scope lets the caller see a staff member with these stores (organizations aside). */
    boolean coversStores(long staffId, Collection<Long> staffStores) {
        return stores == null
                || (self != null && self == staffId)
                || Arrays.stream(stores).anyMatch(staffStores::contains);
    }

    /**
     * The store scope as an SQL predicate on the staff row {@code alias}, binding {@code :scopeStores}
     * and {@code :scopeSelf}; null when the caller sees every store.
     */
    String storeScopeSql(String alias) {
        if (stores == null) {
            return null;
        }
        String shared = "exists (select 1 from staff_stores vs where vs.staff_id = " + alias
                + ".id and vs.store_id = any(:scopeStores))";
        return self == null ? shared : "(" + alias + ".id = :scopeSelf or " + shared + ")";
    }
}
