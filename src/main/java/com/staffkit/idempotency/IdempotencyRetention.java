package com.staffkit.idempotency;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keys and their kept answers (some hold a secret shown once) leave once their retention has passed.
 * Any instance may run it; two at once delete disjoint or already-deleted rows. Until the purge
 * reaches it, an expired row already counts as absent ({@link IdempotencyKeys#claim}).
 */
@Component
class IdempotencyRetention {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyRetention.class);

    private final IdempotencyKeys keys;
    private final IdempotencyProperties properties;
    private final Clock clock;

    IdempotencyRetention(IdempotencyKeys keys, IdempotencyProperties properties, Clock clock) {
        this.keys = keys;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT1M")
    void purge() {
        try {
            int deleted = keys.purgeCreatedBefore(clock.instant().minus(properties.retention()));
            if (deleted > 0) {
                log.info("Idempotency keys: {} older than {} removed", deleted, properties.retention());
            }
        } catch (RuntimeException ex) {
            log.warn("Purging idempotency keys failed; it runs again within 10 minutes: {}", ex.toString());
        }
    }
}
