package com.staffkit.team;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

@Schema(name = "Team")
record TeamResponse(
        @Schema(example = "12") long id,

        @Schema(description = "Organization id", example = "1")
        long organization,

        @Schema(example = "Prescription Management Team") String name,

        @Schema(example = "Handles refills and change requests") @Nullable
        String description,

        @Schema(example = "[\"PROCESS_REFILL_REQUESTS\", \"REVIEW_PRESCRIPTIONS\"]")
        List<String> responsibilities,

        @Schema(description = "Active members", example = "4")
        long memberCount,

        Instant createdAt,
        Instant modifiedAt) {}
