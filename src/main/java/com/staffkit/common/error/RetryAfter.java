package com.staffkit.common.error;

import java.time.Duration;

/** A failure the client may retry after a while; the handler sends {@code Retry-After}. */
public interface RetryAfter {
    Duration retryAfter();
}
