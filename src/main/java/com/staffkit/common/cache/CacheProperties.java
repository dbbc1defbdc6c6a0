package com.staffkit.common.cache;

import io.github.resilience4j.core.IntervalFunction;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param reconnectBackoff how long the change listener waits before its first reconnection attempt
 *     after losing its connection; each further attempt waits twice as long
 * @param maxReconnectBackoff the longest wait between two attempts
 * @param listenerUrl the JDBC URL the change listener connects to, when the data source's URL leads
 *     through something that does not carry {@code LISTEN} (PgBouncer in transaction mode); unset or
 *     blank: the data source's URL
 * @param staffRows how many staff members each instance keeps in memory for reads by id (zero: none)
 */
@ConfigurationProperties("staffkit.cache")
public record CacheProperties(
        @DefaultValue("100ms") Duration reconnectBackoff,
        @DefaultValue("5s") Duration maxReconnectBackoff,
        @Nullable String listenerUrl,
        @DefaultValue("20000") int staffRows) {

    public CacheProperties {
        if (staffRows < 0) {
            throw new IllegalArgumentException("staffkit.cache.staff-rows must be zero or more");
        }
        if (!reconnectBackoff.isPositive() || maxReconnectBackoff.compareTo(reconnectBackoff) < 0) {
            throw new IllegalArgumentException(
                    "staffkit.cache.reconnect-backoff must be positive and at most staffkit.cache.max-reconnect-backoff");
        }
    }

    /** The wait before reconnection attempt n (from 1): doubling from the first, capped at the longest. */
    IntervalFunction backoff() {
        return IntervalFunction.ofExponentialBackoff(reconnectBackoff, 2.0, maxReconnectBackoff);
    }
}
