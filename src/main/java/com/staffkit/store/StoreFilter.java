package com.staffkit.store;

import com.staffkit.common.error.InvalidRequestException;
import java.util.Map;

record StoreFilter(
        String search, Boolean isActive, boolean includeInactive, String remoteId, Long organization, String ordering) {

    private static final Map<String, String> ORDERINGS = Map.of(
            "id", "st.id",
            "name", "lower(st.name)",
            "created_at", "st.created_at",
            "modified_at", "st.modified_at");

    StoreFilter {
        ordering = ordering == null || ordering.isBlank() ? "id" : ordering.trim();
        String column = ordering.startsWith("-") ? ordering.substring(1) : ordering;
        if (!ORDERINGS.containsKey(column)) {
            throw InvalidRequestException.forField(
                    "ordering", "must be one of id, name, created_at, modified_at, with - for descending");
        }
    }

    String orderBy() {
        boolean descending = ordering.startsWith("-");
        String column = ORDERINGS.get(descending ? ordering.substring(1) : ordering);
        String direction = descending ? " desc" : " asc";
        return "st.id".equals(column) ? column + direction : column + direction + ", st.id" + direction;
    }
}
