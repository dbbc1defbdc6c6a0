package com.staffkit.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

    private static final Logger log = LoggerFactory.getLogger(WebhookAttempts.class);

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
        boolean sent = body.isPresent();
        try {
            transactions.executeWithoutResult(transaction -> record(message, at, body.orElse(null), answer, sent));
        } catch (RuntimeException failure) {
            log.warn(
                    "Recording webhook attempt {} of event {} failed: {}",
                    message.attempts() + 1,
                    message.eventId(),
                    failure.toString());
            // Whatever keeps failing here must not send the event again and again: count the attempt.
            int attempts = message.attempts() + 1;
            queue.attempted(
                    message, null, attempts, nextAttempt(attempts, answer, sent).orElse(null));
        }
    }

    private void record(
            WebhookQueue.Claimed message, Instant at, @Nullable String body, WebhookHttp.Answer answer, boolean sent) {
        if (!queue.lock(message.messageId())) {
            return; // its endpoint was deleted meanwhile
        }
        int attempts = message.attempts() + 1;
        queue.logAttempt(message, attempts, at, answer);
        Instant now = clock.instant();
        if (answer.succeeded()) {
            queue.attempted(message, body, attempts, null);
            endpoints.succeeded(message.endpointId(), now);
            return;
        }
        if (answer.status() != null && answer.status() == 410) {
            queue.attempted(message, body, attempts, null);
            disable(message.endpointId(), "the receiver answered 410 Gone", now);
            return;
        }
        queue.attempted(
                message, body, attempts, nextAttempt(attempts, answer, sent).orElse(null));
        if (sent) {
            // Only a request that was made and failed counts against the receiver.
            Instant failingSince = endpoints.failed(message.endpointId(), now, quietSpell());
            if (!failingSince.isAfter(now.minus(properties.failingFor()))) {
                disable(message.endpointId(), "no successful delivery since " + failingSince, now);
            }
        }
    }

    private Optional<Instant> nextAttempt(int attempts, WebhookHttp.Answer answer, boolean sent) {
        Optional<Duration> wait = sent
                ? WebhookRetries.next(properties.retryDelays(), attempts, answer.status(), answer.retryAfter())
                : Optional.empty();
        return wait.map(clock.instant()::plus);
    }

    /** A failure after a quiet spell longer than twice the longest retry starts a new failing streak. */
    private Duration quietSpell() {
        return WebhookRetries.longest(properties.retryDelays()).multipliedBy(2);
    }

    private void disable(long endpointId, String reason, Instant now) {
        endpoints.disable(endpointId, reason, now).ifPresent(endpoint -> {
            queue.dropQueued(endpointId);
            events.publishEvent(WebhookEvents.disabled(endpoint, reason, now));
        });
    }
}
