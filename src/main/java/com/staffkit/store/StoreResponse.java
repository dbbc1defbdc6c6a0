package com.staffkit.store;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

@Schema(name = "Store")
record StoreResponse(
        long id,
        long organization,
        @Schema(example = "Shop 2") String name,
        @Schema(example = "shop2@example.com") @Nullable String email,
        @Schema(example = "+32043843443") @Nullable String phoneNumber,
        @Schema(example = "shop2") @Nullable String remoteId,
        boolean isActive,
        StoreRequest.Address address,

        @Schema(description = "Active staff assigned to the store", example = "12")
        long staffCount,

        Instant createdAt,
        Instant modifiedAt) {}
