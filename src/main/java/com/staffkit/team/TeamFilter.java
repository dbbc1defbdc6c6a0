package com.staffkit.team;

import com.staffkit.common.paging.Ordering;
import io.swagger.v3.oas.annotations.Parameter;
import java.util.Map;

/** The list filters of {@code GET /api/teams}, bound from the query string by name. */
record TeamFilter(
        @Parameter(description = "Teams that have this responsibility")
        String responsibility,

        @Parameter(description = "Exact name, case-insensitive")
        String name,

        @Parameter(description = "Case-insensitive partial match on the name")
        String search,

        @Parameter(description = "Staff id: the teams this staff member belongs to")
        Long member,

        @Parameter(description = "Organization id (for callers that see several)")
        Long organization,

        @Parameter(description = "id, name, created_at or modified_at; prefix - for descending")
        String ordering) {

    private static final Map<String, String> ORDERINGS = Map.of(
            "id", "t.id",
            "name", "lower(t.name)",
            "created_at", "t.created_at",
            "modified_at", "t.modified_at");

    TeamFilter {
        Ordering.parse(ordering, ORDERINGS, "t.id");
    }

    String orderBy() {
        return Ordering.parse(ordering, ORDERINGS, "t.id").orderBy();
    }
}
