package com.staffkit.webhook;

import com.staffkit.common.events.Actor;
import com.staffkit.common.events.Changes;
import com.staffkit.common.events.DomainEvent;
import com.staffkit.common.events.FieldChange;
import com.staffkit.common.events.Target;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The events of a webhook endpoint's changes, one per change; its secret only ever as changed. */
final class WebhookEvents {

    static final String CREATED = "webhook.created";
    static final String UPDATED = "webhook.updated";
    static final String DELETED = "webhook.deleted";
    static final String SECRET_ROTATED = "webhook.secret_rotated";
    static final String DISABLED = "webhook.disabled";

    private WebhookEvents() {}

    static DomainEvent created(Actor actor, WebhookEndpoint endpoint, Instant now) {
        return event(CREATED, actor, endpoint, between(null, endpoint).list(), now);
    }

    static Changes changes(WebhookEndpoint before, WebhookEndpoint after) {
        return between(before.asRequest(), after);
    }

    private static Changes between(@Nullable WebhookRequest before, WebhookEndpoint after) {
        return Changes.between()
                .field("url", before == null ? null : withoutQuery(before.url()), withoutQuery(after.url()))
                .field("event_types", before == null ? null : before.eventTypes(), after.eventTypes())
                .field("description", before == null ? null : before.descriptionOrEmpty(), after.description())
                .field("is_active", before == null ? null : before.active(), after.active());
    }

    static DomainEvent updated(Actor actor, WebhookEndpoint endpoint, Changes changes, Instant now) {
        return event(UPDATED, actor, endpoint, changes.list(), now);
    }

    static DomainEvent deleted(Actor actor, WebhookEndpoint endpoint, Instant now) {
        return event(DELETED, actor, endpoint, List.of(), now);
    }

    static DomainEvent secretRotated(Actor actor, WebhookEndpoint endpoint, Instant now) {
        return event(SECRET_ROTATED, actor, endpoint, List.of(FieldChange.secret("secret")), now);
    }

    /** Turned off by Staffkit itself: the receiver answered 410, or failed for days. */
    static DomainEvent disabled(WebhookEndpoint endpoint, String reason, Instant now) {
        return event(
                DISABLED,
                Actor.SYSTEM,
                endpoint,
                List.of(FieldChange.of("is_active", true, false), FieldChange.of("disabled_reason", null, reason)),
                now);
    }

    /** Sent to this endpoint only, whatever it subscribed to. */
    static DomainEvent test(Actor actor, WebhookEndpoint endpoint, Instant now) {
        return event(WebhookEventTypes.TEST, actor, endpoint, List.of(), now);
    }

    private static DomainEvent event(
            String type, Actor actor, WebhookEndpoint endpoint, List<FieldChange> changes, Instant now) {
        return new DomainEvent(
                type,
                endpoint.organizationId(),
                actor,
                new Target(Target.WEBHOOK, endpoint.id(), display(endpoint)),
                changes,
                now);
    }

    private static String display(WebhookEndpoint endpoint) {
        return withoutQuery(endpoint.url());
    }

    /** Where it sends, without a query that may carry a receiver's token (events are read by others). */
    private static String withoutQuery(String url) {
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getRawAuthority() + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }
}
