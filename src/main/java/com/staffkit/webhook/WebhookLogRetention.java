package com.staffkit.webhook;

import java.sql.Timestamp;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the delivery log bounded: events delivered or given up longer than {@code log-retention}
 * ago leave with their attempts, a batch at a time so that no statement holds many locks. Any
 * instance may run it; two at once delete disjoint or already-deleted rows.
 */
@Component
class WebhookLogRetention {

    private static final Logger log = LoggerFactory.getLogger(WebhookLogRetention.class);
    private static final int BATCH = 5_000;

    private final JdbcClient jdbc;
    private final WebhookProperties properties;
    private final Clock clock;

    WebhookLogRetention(JdbcClient jdbc, WebhookProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    void purge() {
        try {
            int deleted = purgeFinishedBefore(Timestamp.from(clock.instant().minus(properties.logRetention())));
            if (deleted > 0) {
                log.info(
                        "Webhook delivery log: {} finished event(s) older than {} removed",
                        deleted,
                        properties.logRetention());
            }
        } catch (RuntimeException ex) {
            log.warn("Purging the webhook delivery log failed; it runs again within the hour: {}", ex.toString());
        }
    }

    int purgeFinishedBefore(Timestamp cutoff) {
        int total = 0;
        int deleted;
        do {
            deleted =
                    jdbc.sql("""
                            delete from webhook_messages where id in (
                                select id from webhook_messages
                                where next_attempt_at is null and created_at < :cutoff
                                order by created_at
                                limit :batch)""").param("cutoff", cutoff).param("batch", BATCH).update();
            total += deleted;
        } while (deleted == BATCH);
        return total;
    }
}
