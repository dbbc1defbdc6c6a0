package com.staffkit.webhook;

import com.staffkit.common.cache.ChangeAnnouncer;
import com.staffkit.common.error.ConflictException;
import com.staffkit.common.error.NotFoundException;
import com.staffkit.common.events.Actor;
import com.staffkit.common.events.Changes;
import com.staffkit.common.paging.PageRequest;
import com.staffkit.common.paging.PageResponse;
import com.staffkit.common.security.Caller;
import com.staffkit.common.web.EntityTags;
import com.staffkit.common.web.IfMatch;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Managing an organization's webhook endpoints: each change is one event (the endpoint's secret only
 * ever as changed), and an endpoint of another organization is reported like a missing one.
 */
@Service
class WebhookService {

    private final WebhookEndpoints endpoints;
    private final WebhookQueue queue;
    private final WebhookUrls urls;
    private final WebhookProperties properties;
    private final ApplicationEventPublisher events;
    private final ChangeAnnouncer changes;
    private final Clock clock;
    private final EntityTags tags;

    WebhookService(
            WebhookEndpoints endpoints,
            WebhookQueue queue,
            WebhookUrls urls,
            WebhookProperties properties,
            ApplicationEventPublisher events,
            ChangeAnnouncer changes,
            Clock clock,
            EntityTags tags) {
        this.tags = tags;
        this.endpoints = endpoints;
        this.queue = queue;
        this.urls = urls;
        this.properties = properties;
        this.events = events;
        this.changes = changes;
        this.clock = clock;
    }

    @Transactional
    WebhookResponse create(Caller caller, WebhookRequest request) {
        WebhookRequest checked = checked(request);
        byte[] secret = WebhookSecret.newSecret();
        Instant now = clock.instant();
        long id = endpoints.insert(caller.organizationId(), checked, secret, now);
        WebhookEndpoint created = load(caller, id, false);
        events.publishEvent(WebhookEvents.created(Actor.of(caller), created, now));
        return WebhookResponse.withSecret(created, WebhookSecret.text(secret));
    }

    @Transactional(readOnly = true)
    PageResponse<WebhookResponse> list(Caller caller, PageRequest page) {
        long organization = caller.organizationId();
        return page.fetch(
                (limit, offset) -> endpoints.list(organization, limit, offset),
                () -> endpoints.count(organization),
                WebhookResponse::of);
    }

    @Transactional(readOnly = true)
    WebhookResponse get(Caller caller, long id) {
        return WebhookResponse.of(load(caller, id, false));
    }

    /** The endpoint as a PUT would write it: what a merge patch is applied to. */
    @Transactional(readOnly = true)
    WebhookRequest currentState(Caller caller, long id) {
        return load(caller, id, false).asRequest();
    }

    @Transactional
    WebhookResponse replace(Caller caller, long id, IfMatch ifMatch, WebhookRequest request) {
        WebhookEndpoint before = load(caller, id, true);
        // After the load, which locks the row: no change can slip in between.
        ifMatch.check(() -> tags.of(get(caller, id)));
        WebhookRequest checked = checked(request);
        Instant now = clock.instant();
        WebhookEndpoint after = endpoints.replace(id, checked, now);
        Changes changes = WebhookEvents.changes(before, after);
        if (!changes.isEmpty()) {
            if (before.active() && !after.active()) {
                queue.dropQueued(id);
            }
            events.publishEvent(WebhookEvents.updated(Actor.of(caller), after, changes, now));
        }
        return WebhookResponse.of(after);
    }

    @Transactional
    void delete(Caller caller, long id, IfMatch ifMatch) {
        WebhookEndpoint endpoint = load(caller, id, true);
        // After the load, which locks the row: no change can slip in between.
        ifMatch.check(() -> tags.of(get(caller, id)));
        endpoints.delete(id);
        events.publishEvent(WebhookEvents.deleted(Actor.of(caller), endpoint, clock.instant()));
    }

    /** A new secret; for {@code previous-secret-lifetime} (a day) the old one signs beside it. */
    @Transactional
    WebhookResponse rotateSecret(Caller caller, long id) {
        load(caller, id, true);
        byte[] secret = WebhookSecret.newSecret();
        Instant now = clock.instant();
        WebhookEndpoint rotated = endpoints.rotate(id, secret, now.plus(properties.previousSecretLifetime()), now);
        events.publishEvent(WebhookEvents.secretRotated(Actor.of(caller), rotated, now));
        return WebhookResponse.withSecret(rotated, WebhookSecret.text(secret));
    }

    /** Records a {@code webhook.test} event, which the database queues for this endpoint alone. */
    @Transactional
    UUID test(Caller caller, long id) {
        WebhookEndpoint endpoint = load(caller, id, false);
        if (!endpoint.active()) {
            throw new ConflictException("The webhook is turned off; set is_active to true to test it.");
        }
        events.publishEvent(WebhookEvents.test(Actor.of(caller), endpoint, clock.instant()));
        return queue.lastQueued(id, WebhookEventTypes.TEST);
    }

    /** An endpoint's attempts, newest first, below {@code before} when given. */
    @Transactional(readOnly = true)
    List<WebhookDeliveryResponse> deliveries(Caller caller, long id, @Nullable Long before, int limit) {
        load(caller, id, false);
        return queue.deliveries(id, before, limit);
    }

    /** Queues a delivered (or failed) event again for its endpoint, with the body it was sent with. */
    @Transactional
    UUID retry(Caller caller, long id, long deliveryId) {
        WebhookEndpoint endpoint = load(caller, id, false);
        if (!endpoint.active()) {
            throw new ConflictException("The webhook is turned off; set is_active to true to send to it.");
        }
        WebhookQueue.Delivery delivery = queue.delivery(id, deliveryId)
                .orElseThrow(() -> new NotFoundException("No delivery with id " + deliveryId + " of this webhook."));
        if (!delivery.hasBody()) {
            throw new ConflictException("This event was never sent (it is no longer kept); it cannot be sent again.");
        }
        queue.requeue(id, delivery.messageId(), clock.instant());
        changes.announce(WebhookQueue.queuedIn(endpoint.organizationId()));
        return delivery.eventId();
    }

    private WebhookRequest checked(WebhookRequest request) {
        return new WebhookRequest(
                urls.checked(request.url()),
                WebhookEventTypes.checked(request.eventTypes()),
                request.descriptionOrEmpty(),
                request.active());
    }

    private WebhookEndpoint load(Caller caller, long id, boolean forUpdate) {
        return endpoints
                .find(id, caller.organizationId(), forUpdate)
                .orElseThrow(() -> new NotFoundException("No webhook with id " + id + "."));
    }
}
