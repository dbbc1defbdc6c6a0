package com.staffkit.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A webhook endpoint; its secret only in the answer that made it (creation, rotation). */
@Schema(name = "Webhook")
record WebhookResponse(
        long id,
        long organization,

        @Schema(example = "https://payroll.example.com/hooks/staffkit")
        String url,

        @Schema(example = "[\"staff.*\", \"team.member_added\"]")
        List<String> eventTypes,

        @Schema(example = "Payroll sync") String description,
        boolean isActive,

        @Schema(
                description = "Why Staffkit turned it off (the receiver answered 410, or days of failures);"
                        + " null when active or turned off by a caller",
                example = "failed without a success for 3 days")
        @Nullable
        String disabledReason,

        Instant createdAt,
        Instant modifiedAt,

        @Schema(
                description = "The signing secret (whsec_ and base64): only in the answers of creation and rotation",
                example = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Nullable
        String secret) {

    static WebhookResponse of(WebhookEndpoint endpoint) {
        return withSecret(endpoint, null);
    }

    static WebhookResponse withSecret(WebhookEndpoint endpoint, @Nullable String secret) {
        return new WebhookResponse(
                endpoint.id(),
                endpoint.organizationId(),
                endpoint.url(),
                endpoint.eventTypes(),
                endpoint.description(),
                endpoint.active(),
                endpoint.disabledReason(),
                endpoint.createdAt(),
                endpoint.modifiedAt(),
                secret);
    }
}
