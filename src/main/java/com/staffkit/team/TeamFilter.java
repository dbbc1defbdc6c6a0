package com.staffkit.team;

import com.staffkit.common.web.Ordering;
import java.util.Map;

/** The list filters of {@code GET /api/teams}. */
record TeamFilter(String responsibility, String name, String search, Long member, Long organization, String ordering) {

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
