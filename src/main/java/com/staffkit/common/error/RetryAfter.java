package com.staffkit.common.error;

import java.time.Duration;

/** A failure the client may retry after a while; the handler sends {@code Retry-After}. */
public interface RetryAfter {
    Duration retryAfter();

    /** The header's value: whole seconds, rounded up, at least one. */
    static String seconds(Duration duration) {
        return Long.toString(Math.max(1, (duration.toMillis() + 999) / 1000));
    }
}
