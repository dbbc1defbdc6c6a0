package com.staffkit.organization;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

final class OrganizationRequests {

    static final String SLUG_PATTERN = "^[a-z0-9]+(-[a-z0-9]+)*$";
    static final String SLUG_MESSAGE = "must be lower-case letters and digits separated by single hyphens";

    private OrganizationRequests() {}

    @Schema(name = "OrganizationCreate")
    record Create(
            @Schema(example = "Acme Franchise Kadıköy") @NotBlank @Size(max = 200)
            String name,

            @Schema(description = "Unique; derived from the name when absent", example = "acme-kadikoy")
            @Size(max = 100)
            @Pattern(regexp = SLUG_PATTERN, message = SLUG_MESSAGE)
            String slug,

            @Schema(description = "Parent organization id; only a superadmin creates top-level organizations")
            Long parent) {}

    /** What a PATCH may change: the parent and the timestamps are read-only. */
    @Schema(name = "OrganizationUpdate")
    @JsonIgnoreProperties({"id", "parent", "created_at", "modified_at"})
    record Update(
            @NotBlank @Size(max = 200) String name,

            @NotBlank @Size(max = 100) @Pattern(regexp = SLUG_PATTERN, message = SLUG_MESSAGE)
            String slug,

            Boolean isActive) {}
}
