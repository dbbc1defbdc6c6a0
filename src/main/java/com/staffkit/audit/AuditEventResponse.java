package com.staffkit.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** One recorded change or access event, as the API and webhooks show it. */
public record AuditEventResponse(
        @Schema(description = "UUIDv7: sorts by time", example = "019af3c2-7d4e-7a11-9c3b-2f1e4d5a6b7c")
        UUID id,

        @Schema(example = "staff.roles_changed") String type,

        Instant occurredAt,

        @Schema(description = "The organization whose data changed; null for a failed login with an unknown identifier")
        @Nullable
        Long organization,

        Party actor,

        Party target,

        @ArraySchema(
                arraySchema = @Schema(description = "Each changed field of an update; empty for other events"),
                schema = @Schema(implementation = Change.class))
        List<Map<String, Object>> changes,

        @Schema(description = "The X-Request-Id of the request that made it")
        String requestId,

        @Schema(example = "203.0.113.7") @Nullable String clientAddress,

        @Nullable String userAgent) {

    /**
     * One changed field, as the API shows it; documents the maps of {@code changes}. A secret has
     * only {@code field} and {@code changed}; any other field {@code from} and {@code to}.
     */
    @Schema(name = "AuditChange")
    public record Change(
            @Schema(description = "The field's name in the API", example = "job_title")
            String field,

            @Schema(description = "Its value before (any JSON value, null when unset); absent for a secret")
            @JsonInclude(JsonInclude.Include.NON_NULL)
            Object from,

            @Schema(description = "Its value after; absent for a secret") @JsonInclude(JsonInclude.Include.NON_NULL)
            Object to,

            @Schema(description = "true for a secret (a password, a hash, a token), whose values never appear")
            @JsonInclude(JsonInclude.Include.NON_NULL)
            Boolean changed) {}

    /**
     * Who acted, or what was changed.
     *
     * @param createdBy for an API key acting, the staff member who created it
     */
    public record Party(
            @Schema(example = "staff") String type,

            @Schema(description = "Null for the system, an anonymous caller, or an unknown login") @Nullable
            Long id,

            @Schema(example = "ada@example.com") @Nullable String display,

            @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable
            Party createdBy) {}
}
