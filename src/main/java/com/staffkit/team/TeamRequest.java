package com.staffkit.team;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;

/** Create (POST) or full replace (PUT) of a team; a PATCH is merged onto it. */
@Schema(name = "TeamRequest")
@JsonIgnoreProperties({"id", "member_count", "created_at", "modified_at"})
record TeamRequest(
        @Schema(description = "Only a caller that sees several organizations needs to set it; defaults to the caller's")
        Long organization,

        @Schema(example = "Prescription Management Team") @NotBlank @Size(max = 150)
        String name,

        @Schema(example = "Handles refills and change requests") @Size(max = 1000)
        String description,

        @Schema(
                description = "Predefined (GET /api/teams/responsibilities) or custom upper-case names",
                example = "[\"PROCESS_REFILL_REQUESTS\", \"REVIEW_PRESCRIPTIONS\"]")
        @Size(max = 100)
        List<String> responsibilities) {

    /** The team's current state as a full replace, for merging a PATCH onto: a replace never moves a team. */
    static TeamRequest replacing(TeamResponse team) {
        return new TeamRequest(null, team.name(), team.description(), team.responsibilities());
    }
}
