package com.staffkit.auth;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** An API key as listed. The secret {@code key} appears once, in the response to its creation. */
@Schema(name = "ApiKey")
record ApiKeyResponse(
        long id,
        long organization,
        @Schema(example = "POS integration") String name,

        @Schema(description = "The first characters of the key, to recognize it", example = "sk_3f9a1c2b")
        String prefix,

        @Schema(example = "[\"member\"]") List<String> roles,

        @Schema(description = "Staff id of the creator") @Nullable
        Long createdBy,

        Instant createdAt,
        @Nullable Instant expiresAt,
        @Nullable Instant lastUsedAt,
        @Nullable Instant revokedAt,

        @Schema(description = "The role of staff this key creates through SCIM", example = "member")
        String scimDefaultRole,

        @Schema(description = "The full secret; shown only once, at creation")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Nullable
        String key) {

    /** A key as listed or read: its secret is never shown again. */
    static ApiKeyResponse listed(ApiKeyRepository.ApiKeyRow row) {
        return created(row, null);
    }

    /** A key just created, with the secret its creator sees this once. */
    static ApiKeyResponse created(ApiKeyRepository.ApiKeyRow row, @Nullable String key) {
        return new ApiKeyResponse(
                row.id(),
                row.organizationId(),
                row.name(),
                row.prefix(),
                row.roles(),
                row.createdBy(),
                row.createdAt(),
                row.expiresAt(),
                row.lastUsedAt(),
                row.revokedAt(),
                row.scimDefaultRole() == null ? ProvisioningRoles.DEFAULT_ROLE : row.scimDefaultRole(),
                key);
    }

    @Override
    public String toString() {
        return "ApiKeyResponse[id=" + id + ", prefix=" + prefix + "]";
    }
}
