package com.staffkit.store;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

@Schema(name = "Store")
record StoreResponse(
        long id,
        long organization,
        @Schema(example = "Shop 2") String name,
        @Schema(example = "shop2@example.com") String email,
        @Schema(example = "+32043843443") String phoneNumber,
        @Schema(example = "shop2") String remoteId,
        boolean isActive,
        StoreRequest.Address address,

        @Schema(description = "Active staff assigned to the store", example = "12")
        long staffCount,

        Instant createdAt,
        Instant modifiedAt) {}
