package com.staffkit.auth;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

record CreateApiKeyRequest(
        @Schema(example = "POS integration") @NotBlank @Size(max = 100)
        String name,

        @Schema(example = "[\"member\"]") @NotEmpty @Size(max = 20)
        List<@NotBlank @Size(max = 100) String> roles,

        @Schema(description = "Optional; the key stops working then")
        Instant expiresAt,

        @Schema(
                description = "The role of staff this key creates through SCIM (/scim/v2/Users); defaults to member",
                example = "member")
        @Size(max = 100)
        String scimDefaultRole) {}
