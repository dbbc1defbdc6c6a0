package com.staffkit.store;

import com.staffkit.common.web.Ordering;
import java.util.Map;

record StoreFilter(
        String search, Boolean isActive, boolean includeInactive, String remoteId, Long organization, String ordering) {

    private static final Map<String, String> ORDERINGS = Map.of(
            "id", "st.id",
            "name", "lower(st.name)",
            "created_at", "st.created_at",
            "modified_at", "st.modified_at");

    StoreFilter {
        Ordering.parse(ordering, ORDERINGS, "st.id");
    }

    String orderBy() {
        return Ordering.parse(ordering, ORDERINGS, "st.id").orderBy();
    }
}
