package com.staffkit.webhook;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A webhook endpoint as stored, without its secrets (which only the sender reads). */
record WebhookEndpoint(
        long id,
        long organizationId,
        String url,
        List<String> eventTypes,
        String description,
        boolean active,
        @Nullable String disabledReason,
        Instant createdAt,
        Instant modifiedAt) {

    WebhookRequest asRequest() {
        return new WebhookRequest(url, eventTypes, description, active);
    }
}
