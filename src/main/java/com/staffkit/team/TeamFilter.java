package com.staffkit.team;

import com.staffkit.common.error.InvalidRequestException;
import java.util.Map;

/** The list filters of {@code GET /api/teams}. */
record TeamFilter(String responsibility, String name, String search, Long member, Long organization, String ordering) {

    private static final Map<String, String> ORDERINGS = Map.of(
            "id", "t.id",
            "name", "lower(t.name)",
            "created_at", "t.created_at",
            "modified_at", "t.modified_at");

    TeamFilter {
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
        return "t.id".equals(column) ? column + direction : column + direction + ", t.id" + direction;
    }
}
