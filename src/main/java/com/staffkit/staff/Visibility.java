package com.staffkit.staff;

import com.staffkit.common.security.Caller;

/**
 * Which staff rows a caller may see: its organizations (null: all) and, for a store-scoped
 * manager, the stores a row must share with it (null: any).
 */
record Visibility(Long[] organizations, Long[] stores) {

    static Visibility of(Caller caller) {
        return new Visibility(caller.organizationFilter(), caller.storeFilter());
    }

    static Visibility organization(long organizationId) {
        return new Visibility(new Long[] {organizationId}, null);
    }
}
