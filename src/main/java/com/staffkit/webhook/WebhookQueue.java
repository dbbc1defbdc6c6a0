package com.staffkit.webhook;

import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The queue of events to send ({@code webhook_messages}, filled by the database as events are
 * recorded) and the log of attempts ({@code webhook_deliveries}).
 */
@Component
class WebhookQueue {

    /**
     * An event claimed for one attempt, with what signs it.
     *
     * @param body the body of earlier attempts; null before the first
     * @param previousSecret the secret before a rotation, while it still signs
     */
    record Claimed(
            long messageId,
            long endpointId,
            long organizationId,
            String url,
            UUID eventId,
            String eventType,
            @Nullable String body,
            int attempts,
            byte[] secret,
            byte @Nullable [] previousSecret) {}

    /** An attempt as a retry needs it: which queued event it was. */
    record Delivery(long messageId, UUID eventId) {}

    /** The payload of the change notification telling instances that events are queued (as the trigger sends it). */
    static final String QUEUED = "webhook.queued webhook 0 ";

    /** How many due events one claim considers, so that a backlog costs a bounded scan. */
    private static final int SCAN = 500;

    private final JdbcClient jdbc;

    WebhookQueue(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Claims up to {@code batch} due events of active endpoints, at most {@code perEndpoint} of any one
     * endpoint and none of the endpoints in {@code busy} (already at that many here), oldest first.
     * A claim moves the event's next attempt {@code held} ahead: other instances skip it meanwhile
     * (and {@code SKIP LOCKED} skips what another is claiming right now), and if this instance dies
     * mid-attempt, the event comes due again.
     */
    List<Claimed> claim(Instant now, Duration held, int batch, int perEndpoint, Collection<Long> busy) {
        return jdbc.sql("""
                        with candidates as (
                            select c.id
                            from (select m.id, m.next_attempt_at,
                                         row_number() over (partition by m.endpoint_id order by m.next_attempt_at, m.id) as n
                                  from (select m.id, m.endpoint_id, m.next_attempt_at
                                        from webhook_messages m
                                        where m.next_attempt_at <= :now
                                        order by m.next_attempt_at, m.id
                                        limit :scan) m
                                  join webhook_endpoints w on w.id = m.endpoint_id and w.is_active
                                  where m.endpoint_id <> all (:busy)) c
                            where c.n <= :perEndpoint
                            order by c.next_attempt_at, c.id
                            limit :batch),
                        picked as (
                            select m.id
                            from webhook_messages m
                            where m.id in (select id from candidates) and m.next_attempt_at <= :now
                            for update skip locked)
                        update webhook_messages m
                        set next_attempt_at = :held
                        from picked, webhook_endpoints w
                        where m.id = picked.id and w.id = m.endpoint_id
                        returning m.id, m.endpoint_id, w.organization_id, w.url, m.event_id, m.event_type, m.body,
                                  m.attempts, w.secret,
                                  case when w.previous_secret_expires_at > :now then w.previous_secret end as previous_secret
                        """)
                .param("now", Timestamp.from(now))
                .param("held", Timestamp.from(now.plus(held)))
                .param("scan", SCAN)
                .param("batch", batch)
                .param("perEndpoint", perEndpoint)
                .param("busy", busy.toArray(Long[]::new))
                .query((rs, row) -> new Claimed(
                        rs.getLong("id"),
                        rs.getLong("endpoint_id"),
                        rs.getLong("organization_id"),
                        rs.getString("url"),
                        rs.getObject("event_id", UUID.class),
                        rs.getString("event_type"),
                        rs.getString("body"),
                        rs.getInt("attempts"),
                        rs.getBytes("secret"),
                        rs.getBytes("previous_secret")))
                .list();
    }

    /** Logs one attempt; returns its id. */
    long logAttempt(Claimed message, int attempt, Instant at, WebhookHttp.Answer answer) {
        return jdbc.sql("""
                        insert into webhook_deliveries (endpoint_id, message_id, event_id, event_type, attempt, attempted_at,
                                                        response_status, duration_ms, error, response_body)
                        values (:endpoint, :message, :event, :type, :attempt, :at, :status, :duration, :error, :body)
                        returning id""")
                .param("endpoint", message.endpointId())
                .param("message", message.messageId())
                .param("event", message.eventId())
                .param("type", message.eventType())
                .param("attempt", attempt)
                .param("at", Timestamp.from(at))
                .param("status", answer.status(), Types.INTEGER)
                .param("duration", (int)
                        Math.min(Integer.MAX_VALUE, answer.duration().toMillis()))
                .param("error", answer.error(), Types.VARCHAR)
                .param("body", answer.body(), Types.VARCHAR)
                .query(Long.class)
                .single();
    }

    /** After an attempt: the body kept for retries, the attempts made, and the next one (null: done). */
    void attempted(long messageId, String body, int attempts, @Nullable Instant next) {
        jdbc.sql(
                        "update webhook_messages set body = :body, attempts = :attempts, next_attempt_at = :next where id = :id")
                .param("body", body)
                .param("attempts", attempts)
                .param("next", next == null ? null : Timestamp.from(next), Types.TIMESTAMP)
                .param("id", messageId)
                .update();
    }

    /** Queues an event again for an endpoint, due now, with the body it was sent with. */
    void requeue(long endpointId, long messageId, Instant now) {
        jdbc.sql("""
                        insert into webhook_messages (endpoint_id, event_id, event_type, body, next_attempt_at)
                        select endpoint_id, event_id, event_type, body, :now from webhook_messages
                        where id = :message and endpoint_id = :endpoint""")
                .param("now", Timestamp.from(now))
                .param("message", messageId)
                .param("endpoint", endpointId)
                .update();
    }

    /** Drops every event still queued for an endpoint that was turned off. */
    void dropQueued(long endpointId) {
        jdbc.sql(
                        "update webhook_messages set next_attempt_at = null where endpoint_id = :id and next_attempt_at is not null")
                .param("id", endpointId)
                .update();
    }

    /** Tells every instance (this one too) that events are queued, once the transaction commits. */
    void announceQueued(long organizationId) {
        jdbc.sql("select pg_notify('staffkit_changes', :payload)")
                .param("payload", QUEUED + organizationId)
                .query()
                .singleRow();
    }

    /** The event last queued for an endpoint with this type (in this transaction: the one just recorded). */
    UUID lastQueued(long endpointId, String type) {
        return jdbc.sql("""
                        select event_id from webhook_messages where endpoint_id = :endpoint and event_type = :type
                        order by id desc limit 1""")
                .param("endpoint", endpointId)
                .param("type", type)
                .query(UUID.class)
                .single();
    }

    Optional<Delivery> delivery(long endpointId, long deliveryId) {
        return jdbc.sql(
                        "select message_id, event_id from webhook_deliveries where id = :id and endpoint_id = :endpoint")
                .param("id", deliveryId)
                .param("endpoint", endpointId)
                .query((rs, row) -> new Delivery(rs.getLong("message_id"), rs.getObject("event_id", UUID.class)))
                .optional();
    }

    /** An endpoint's attempts, newest first, below {@code before} when given. */
    List<WebhookDeliveryResponse> deliveries(long endpointId, @Nullable Long before, int limit) {
        return jdbc.sql("""
                        select id, event_id, event_type, attempt, attempted_at, response_status, duration_ms, error,
                               response_body
                        from webhook_deliveries
                        where endpoint_id = :endpoint and id < :before
                        order by id desc
                        limit :limit""")
                .param("endpoint", endpointId)
                .param("before", before == null ? Long.MAX_VALUE : before)
                .param("limit", limit)
                .query((rs, row) -> new WebhookDeliveryResponse(
                        rs.getLong("id"),
                        rs.getObject("event_id", UUID.class),
                        rs.getString("event_type"),
                        rs.getInt("attempt"),
                        rs.getTimestamp("attempted_at").toInstant(),
                        (Integer) rs.getObject("response_status"),
                        rs.getLong("duration_ms"),
                        rs.getString("error"),
                        rs.getString("response_body")))
                .list();
    }
}
