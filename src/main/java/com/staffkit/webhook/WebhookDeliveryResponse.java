package com.staffkit.webhook;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** One attempt to deliver an event to a webhook endpoint. */
@Schema(name = "WebhookDelivery")
record WebhookDeliveryResponse(
        long id,

        @Schema(description = "The event's id: the audit event's, and the webhook-id header")
        UUID eventId,

        @Schema(example = "staff.created") String eventType,

        @Schema(description = "1 for the first attempt of this event, 2 for the first retry, ...", example = "1")
        int attempt,

        Instant attemptedAt,

        @Schema(description = "The receiver's status; null when it did not answer", example = "200") @Nullable
        Integer responseStatus,

        @Schema(example = "84") long durationMs,

        @Schema(description = "Why no answer came (timeout, refused address, connection error)") @Nullable
        String error,

        @Schema(description = "The first 4 KB of the receiver's answer") @Nullable
        String responseBody) {}
