package com.staffkit.webhook;

import com.staffkit.common.error.InvalidRequestException;
import java.util.List;

/**
 * Which event types an endpoint may subscribe to: every type of the audit trail, by name, by family
 * ({@code staff.*}) or all ({@code *}). Which events match is decided by the database
 * ({@code webhook_event_matches}), where events are queued.
 */
final class WebhookEventTypes {

    static final String PATTERN = "^(\\*|[a-z_]{1,40}\\.(\\*|[a-z_]{1,60}))$";

    /** The families of the audit trail's event types: the part before the dot. */
    static final List<String> FAMILIES =
            List.of("staff", "team", "role", "store", "organization", "api_key", "auth", "webhook");

    static final String TEST = "webhook.test";

    private WebhookEventTypes() {}

    /** Refuses a subscription to a family no event belongs to (a typo would never match). */
    static List<String> checked(List<String> eventTypes) {
        for (String type : eventTypes) {
            int dot = type.indexOf('.');
            if (dot > 0 && !FAMILIES.contains(type.substring(0, dot))) {
                throw InvalidRequestException.forField(
                        "event_types", "'" + type + "' is of no known family: " + String.join(", ", FAMILIES));
            }
        }
        return eventTypes.stream().distinct().toList();
    }
}
