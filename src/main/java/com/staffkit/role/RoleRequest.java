package com.staffkit.role;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** Create (POST) or full replace (PUT) of a custom role; a PATCH is merged onto it. */
@Schema(name = "RoleRequest")
@JsonIgnoreProperties({"id", "is_built_in", "created_at", "modified_at"})
record RoleRequest(
        @Schema(description = "On create, for callers that see several organizations; defaults to the caller's")
        Long organization,

        @Schema(example = "Patient Presenter")
        @NotBlank
        @Size(max = 100)
        @Pattern(regexp = "^[\\p{L}\\p{N} ._-]+$", message = "may contain only letters, digits, spaces and . _ -")
        String name,

        @Schema(example = "Presents patients to providers") @Size(max = 500)
        String description,

        @Schema(example = "[\"staff:read\", \"teams:read\"]") @Size(max = 50)
        List<@NotBlank String> permissions) {

    /** The role's current state as a full replace, for merging a PATCH onto: a replace never moves a role. */
    static RoleRequest replacing(RoleResponse role) {
        return new RoleRequest(null, role.name(), role.description(), role.permissions());
    }
}
