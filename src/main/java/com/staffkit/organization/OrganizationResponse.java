package com.staffkit.organization;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

@Schema(name = "Organization")
record OrganizationResponse(
        long id,
        @Schema(example = "Acme Franchise Kadıköy") String name,
        @Schema(example = "acme-kadikoy") String slug,

        @Schema(description = "Parent organization id; null for a top-level organization") @Nullable
        Long parent,

        boolean isActive,
        Instant createdAt,
        Instant modifiedAt) {}
