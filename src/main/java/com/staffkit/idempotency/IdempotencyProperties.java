package com.staffkit.idempotency;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param retention how long a key and its kept answer last; a retry after that does the work again
 * @param lease how long a claim of an unfinished request holds; after that another request with the
 *     same key may take it over (the instance that claimed it is assumed dead)
 * @param maxResponseBody answers with a larger body are sent but not kept, and the key is released
 */
@ConfigurationProperties("staffkit.idempotency")
record IdempotencyProperties(
        @DefaultValue("24h") Duration retention,
        @DefaultValue("2m") Duration lease,
        @DefaultValue("1MB") DataSize maxResponseBody) {

    IdempotencyProperties {
        if (retention.isNegative() || retention.isZero() || lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("staffkit.idempotency.retention and .lease must be positive");
        }
    }
}
