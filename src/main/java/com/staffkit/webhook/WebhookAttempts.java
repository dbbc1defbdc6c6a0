package com.staffkit.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One attempt to deliver a claimed event, and what follows from its answer, written in one
 * transaction: the attempt's log entry; on a 2xx the event is done; on a 410 the endpoint is turned
 * off at once; on anything else the event is tried again after {@link WebhookRetries}, and an
 * endpoint that has failed without a single success for {@code failing-for} (3 days) is turned off.
 * Turning off is an event of its own ({@code webhook.disabled}).
 */
@Component
class WebhookAttempts {

    private final WebhookPayloads payloads;
    private final WebhookHttp http;
    private final WebhookQueue queue;
    private final WebhookEndpoints endpoints;
    private final WebhookProperties properties;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final Clock clock;

    WebhookAttempts(
            WebhookPayloads payloads,
            WebhookHttp http,
            WebhookQueue queue,
            WebhookEndpoints endpoints,
            WebhookProperties properties,
            ApplicationEventPublisher events,
            TransactionTemplate transactions,
            Clock clock) {
        this.payloads = payloads;
        this.http = http;
        this.queue = queue;
        this.endpoints = endpoints;
        this.properties = properties;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Sends the event (outside any transaction: a slow receiver holds no connection) and records the answer. */
    void attempt(WebhookQueue.Claimed message) {
        Instant at = clock.instant();
        Optional<String> body = message.body() != null
                ? Optional.of(message.body())
                : payloads.body(message.organizationId(), message.eventId());
        WebhookHttp.Answer answer = body.map(json -> http.post(
                        message.url(),
                        message.eventId().toString(),
                        at.getEpochSecond(),
                        WebhookSignatures.sign(message, at.getEpochSecond(), json),
                        json))
                .orElseGet(() -> new WebhookHttp.Answer(
                        null, Duration.ZERO, "not sent: the event is no longer kept (audit retention)", null, null));
        transactions.executeWithoutResult(transaction -> record(message, at, body.orElse(""), answer, body.isEmpty()));
    }

    private void record(
            WebhookQueue.Claimed message, Instant at, String body, WebhookHttp.Answer answer, boolean giveUp) {
        int attempts = message.attempts() + 1;
        queue.logAttempt(message, attempts, at, answer);
        Instant now = clock.instant();
        if (answer.succeeded()) {
            queue.attempted(message.messageId(), body, attempts, null);
            endpoints.succeeded(message.endpointId(), now);
            return;
        }
        if (answer.status() != null && answer.status() == 410) {
            queue.attempted(message.messageId(), body, attempts, null);
            disable(message.endpointId(), "the receiver answered 410 Gone", now);
            return;
        }
        Optional<Duration> wait = giveUp
                ? Optional.empty()
                : WebhookRetries.next(properties.retryDelays(), attempts, answer.status(), answer.retryAfter());
        queue.attempted(message.messageId(), body, attempts, wait.map(now::plus).orElse(null));
        Instant failingSince = endpoints.failed(message.endpointId(), now);
        if (!failingSince.isAfter(now.minus(properties.failingFor()))) {
            disable(message.endpointId(), "no successful delivery since " + failingSince, now);
        }
    }

    private void disable(long endpointId, String reason, Instant now) {
        endpoints.disable(endpointId, reason, now).ifPresent(endpoint -> {
            queue.dropQueued(endpointId);
            events.publishEvent(WebhookEvents.disabled(endpoint, reason, now));
        });
    }
}
