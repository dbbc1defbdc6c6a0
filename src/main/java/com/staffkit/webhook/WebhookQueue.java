package com.staffkit.webhook;

import com.staffkit.common.cache.ChangeAnnouncer;
import com.staffkit.common.cache.CommittedChange;
import com.staffkit.common.events.Target;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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
     * @param heldUntil the claim's lease: the attempt's outcome is written only while it still holds
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
            Timestamp heldUntil,
            byte[] secret,
            byte @Nullable [] previousSecret) {}

    /** An attempt as a retry needs it: which queued event it was, and its body if it was ever made. */
    record Delivery(long messageId, UUID eventId, boolean hasBody) {}

    /**
     * The change that tells every instance events are queued: the trigger of V28 sends it as
     * {@code webhook.queued webhook 0 <organization>}, the service through {@link ChangeAnnouncer}.
     */
    static final String QUEUED = "webhook.queued";

    static CommittedChange queuedIn(long organizationId) {
        return new CommittedChange(QUEUED, Target.WEBHOOK, 0, organizationId);
    }

    private final JdbcClient jdbc;

    WebhookQueue(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Claims up to {@code batch} due events of active endpoints, oldest first, each endpoint's
     * within the room it has here ({@code perEndpoint} less its attempts in flight, {@code inFlight}).
     * Each active endpoint's due events are read by its own index range, so no endpoint's backlog
     * hides another's. A claim moves the event's next attempt {@code held} ahead (on the database's
     * clock, which every instance shares): other instances skip it meanwhile ({@code SKIP LOCKED}
     * skips what another is claiming right now), and if this instance dies mid-attempt, the event
     * comes due again.
     */
    List<Claimed> claim(Duration held, int batch, int perEndpoint, Map<Long, Integer> inFlight) {
        return jdbc.sql("""
                        with room as (
                            select w.id, :perEndpoint - coalesce(f.n, 0) as free
                            from webhook_endpoints w
                            left join unnest(cast(:busyIds as bigint[]), cast(:busyCounts as integer[])) f(id, n)
                                on f.id = w.id
                            where w.is_active),
                        candidates as (
                            select d.id
                            from room
                            cross join lateral (select m.id, m.next_attempt_at
                                                from webhook_messages m
                                                where m.endpoint_id = room.id
                                                  and m.next_attempt_at <= statement_timestamp()
                                                order by m.next_attempt_at, m.id
                                                limit greatest(room.free, 0)) d
                            order by d.next_attempt_at, d.id
                            limit :batch),
                        picked as (
                            select m.id
                            from webhook_messages m
                            where m.id in (select id from candidates) and m.next_attempt_at <= statement_timestamp()
                            for update skip locked)
                        update webhook_messages m
                        set next_attempt_at = statement_timestamp() + make_interval(secs => :heldSeconds)
                        from picked, webhook_endpoints w
                        where m.id = picked.id and w.id = m.endpoint_id
                        returning m.id, m.endpoint_id, w.organization_id, w.url, m.event_id, m.event_type, m.body,
                                  m.attempts, m.next_attempt_at, w.secret,
                                  case when w.previous_secret_expires_at > statement_timestamp()
                                       then w.previous_secret end as previous_secret
                        """)
                .param("perEndpoint", perEndpoint)
                .param("busyIds", inFlight.keySet().toArray(Long[]::new))
                .param(
                        "busyCounts",
                        inFlight.keySet().stream().map(inFlight::get).toArray(Integer[]::new))
                .param("heldSeconds", held.toMillis() / 1000.0)
                .param("batch", batch)
                .query((rs, row) -> new Claimed(
                        rs.getLong("id"),
                        rs.getLong("endpoint_id"),
                        rs.getLong("organization_id"),
                        rs.getString("url"),
                        rs.getObject("event_id", UUID.class),
                        rs.getString("event_type"),
                        rs.getString("body"),
                        rs.getInt("attempts"),
                        rs.getTimestamp("next_attempt_at"),
                        rs.getBytes("secret"),
                        rs.getBytes("previous_secret")))
                .list();
    }

    /**
     * Locks a claimed event for recording its attempt; false when it is gone (its endpoint was
     * deleted meanwhile), so there is nothing to record.
     */
    boolean lock(long messageId) {
        return jdbc.sql("select 1 from webhook_messages where id = :id for no key update")
                .param("id", messageId)
                .query(Integer.class)
                .optional()
                .isPresent();
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

    /**
     * After an attempt: the body kept for retries, the attempts made, and the next one (null: done).
     * Written only while the claim's lease holds: an event dropped meanwhile (its endpoint turned
     * off) stays dropped.
     */
    boolean attempted(Claimed message, @Nullable String body, int attempts, @Nullable Instant next) {
        return jdbc.sql("""
                        update webhook_messages set body = coalesce(:body, body), attempts = :attempts, next_attempt_at = :next
                        where id = :id and next_attempt_at = :heldUntil""")
                        .param("body", body, Types.VARCHAR)
                        .param("attempts", attempts)
                        .param("next", next == null ? null : Timestamp.from(next), Types.TIMESTAMP)
                        .param("id", message.messageId())
                        .param("heldUntil", message.heldUntil())
                        .update()
                > 0;
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
        return jdbc.sql("""
                        select d.message_id, d.event_id, m.body is not null as has_body
                        from webhook_deliveries d join webhook_messages m on m.id = d.message_id
                        where d.id = :id and d.endpoint_id = :endpoint""")
                .param("id", deliveryId)
                .param("endpoint", endpointId)
                .query((rs, row) -> new Delivery(
                        rs.getLong("message_id"), rs.getObject("event_id", UUID.class), rs.getBoolean("has_body")))
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
