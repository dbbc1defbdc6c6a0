package com.staffkit.webhook;

import com.staffkit.audit.AuditRecorded;
import com.staffkit.common.cache.CacheTrust;
import com.staffkit.common.cache.CommittedChange;
import com.staffkit.common.cache.TrustedCache;
import com.staffkit.common.events.Target;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A staff change's webhook body is made in the change's own transaction, so that {@code data.staff}
 * is the member as the change left them, however soon another change follows. Only organizations
 * with an active endpoint pay for it (the body's reads and one update); which ones have one is kept
 * in memory, dropped whenever an endpoint changes on any instance. Where the body was not made here
 * (an endpoint created a moment ago elsewhere), the first attempt makes it.
 */
@Component
class WebhookStaffSnapshots implements MeterBinder {

    private static final Logger log = LoggerFactory.getLogger(WebhookStaffSnapshots.class);

    private final TrustedCache<Long, Boolean> organizationsWithEndpoints;
    private final WebhookPayloads payloads;
    private final JdbcClient jdbc;

    WebhookStaffSnapshots(CacheTrust trust, WebhookPayloads payloads, JdbcClient jdbc) {
        this.organizationsWithEndpoints = new TrustedCache<>("webhook_organizations", 100_000, trust);
        this.payloads = payloads;
        this.jdbc = jdbc;
    }

    @EventListener
    void onRecorded(AuditRecorded recorded) {
        if (Target.STAFF.equals(recorded.targetType())
                && hasEndpoints(recorded.organizationId())
                && queued(recorded.id())) {
            Optional<String> body;
            try {
                body = payloads.body(recorded.organizationId(), recorded.id());
            } catch (RuntimeException rendering) {
                // Never the change's undoing: the first attempt makes the body instead.
                log.warn("Webhook body of event {} not made with its change: {}", recorded.id(), rendering.toString());
                return;
            }
            body.ifPresent(json -> keep(recorded.id(), json));
        }
    }

    private boolean hasEndpoints(long organizationId) {
        return organizationsWithEndpoints
                .get(
                        organizationId,
                        organization -> Optional.of(jdbc.sql(
                                        "select exists (select 1 from webhook_endpoints where organization_id = :o and is_active)")
                                .param("o", organization)
                                .query(Boolean.class)
                                .single()))
                .orElse(true);
    }

    /** Whether the event was queued for any endpoint (by the trigger, in this transaction). */
    private boolean queued(UUID eventId) {
        return jdbc.sql("select exists (select 1 from webhook_messages where event_id = :event)")
                .param("event", eventId)
                .query(Boolean.class)
                .single();
    }

    private void keep(UUID eventId, String body) {
        jdbc.sql("update webhook_messages set body = :body where event_id = :event and body is null")
                .param("body", body)
                .param("event", eventId)
                .update();
    }

    @EventListener
    void onChange(CommittedChange change) {
        if (change.targets(Target.WEBHOOK) && !change.type().equals(WebhookQueue.QUEUED)) {
            organizationsWithEndpoints.evictAll();
        }
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        organizationsWithEndpoints.bindTo(registry);
    }
}
