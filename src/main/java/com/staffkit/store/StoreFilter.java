package com.staffkit.store;

import com.staffkit.common.paging.Ordering;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;
import org.springframework.web.bind.annotation.BindParam;

/** The list filters of {@code GET /api/v1/stores}, bound from the query string by name. */
record StoreFilter(
        @Parameter(description = "Case-insensitive partial match on name or remote_id")
        String search,

        @BindParam("is_active") @Parameter(name = "is_active")
        Boolean isActive,

        @BindParam("include_inactive")
        @Parameter(name = "include_inactive", schema = @Schema(type = "boolean", defaultValue = "false"))
        Boolean includeInactive,

        @BindParam("remote_id") @Parameter(name = "remote_id")
        String remoteId,

        @Parameter(description = "Organization id (for callers that see several)")
        Long organization,

        @Parameter(description = "id, name, created_at or modified_at; prefix - for descending")
        String ordering) {

    private static final Map<String, String> ORDERINGS = Map.of(
            "id", "st.id",
            "name", "lower(st.name)",
            "created_at", "st.created_at",
            "modified_at", "st.modified_at");

    StoreFilter {
        includeInactive = includeInactive != null && includeInactive;
        Ordering.parse(ordering, ORDERINGS, "st.id");
    }

    String orderBy() {
        return Ordering.parse(ordering, ORDERINGS, "st.id").orderBy();
    }
}
