package com.staffkit.role;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

@Schema(name = "Role")
record RoleResponse(
        long id,

        @Schema(description = "Organization id; null for a built-in role") @Nullable
        Long organization,

        @Schema(example = "Patient Presenter") String name,

        @Schema(example = "Presents patients to providers") @Nullable
        String description,

        @Schema(example = "[\"staff:read\", \"teams:read\"]")
        List<String> permissions,

        @Schema(description = "Built-in roles cannot be changed or deleted")
        boolean isBuiltIn,

        Instant createdAt,
        Instant modifiedAt) {}
