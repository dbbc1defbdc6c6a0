package com.staffkit.staff;

import com.staffkit.common.error.InvalidRequestException;
import java.util.List;
import java.util.Map;

/**
 * The list filters of {@code GET /api/v1/staffs/}.
 *
 * @param isActive when given, exactly this state (overrides {@code includeInactive})
 * @param ordering an allow-listed column, {@code -} for descending
 */
record StaffFilter(
        String search,
        List<String> roles,
        Boolean isActive,
        boolean includeInactive,
        boolean includePending,
        String remoteId,
        String email,
        String username,
        Long organization,
        Long team,
        Long store,
        String ordering) {

    /** Allowed orderings and their columns; every one is backed by an index with the id tie-breaker. */
    private static final Map<String, String> ORDERINGS = Map.of(
            "id", "s.id",
            "last_name", "s.last_name",
            "first_name", "s.first_name",
            "email", "s.email",
            "created_at", "s.created_at",
            "modified_at", "s.modified_at");

    StaffFilter {
        roles = roles == null ? List.of() : List.copyOf(roles);
        ordering = ordering == null || ordering.isBlank() ? "id" : ordering.trim();
        String column = ordering.startsWith("-") ? ordering.substring(1) : ordering;
        if (!ORDERINGS.containsKey(column)) {
            throw InvalidRequestException.forField(
                    "ordering",
                    "must be one of id, last_name, first_name, email, created_at, modified_at, with - for descending");
        }
    }

    /** The SQL {@code order by} for the ordering, with the id as tie-breaker so pages are stable. */
    String orderBy() {
        boolean descending = ordering.startsWith("-");
        String column = ORDERINGS.get(descending ? ordering.substring(1) : ordering);
        String direction = descending ? " desc" : " asc";
        return "s.id".equals(column) ? column + direction : column + direction + ", s.id" + direction;
    }
}
