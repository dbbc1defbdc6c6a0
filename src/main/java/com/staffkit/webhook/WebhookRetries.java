package com.staffkit.webhook;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * When a failed event is tried again: after the schedule's delay for the attempts made so far, with
 * ±20% jitter so that receivers recovering from an outage are not hit by every retry at once; on a
 * 429 or 503 no sooner than the receiver's {@code Retry-After} (which only lengthens the wait, up to
 * the schedule's longest delay, so a short one cannot use up a day of retries in seconds). Once the
 * schedule is used up the event is given up.
 */
final class WebhookRetries {

    static final double JITTER = 0.2;

    private WebhookRetries() {}

    /** The wait before the next attempt, or empty when the event is given up. */
    static Optional<Duration> next(
            List<Duration> delays, int attemptsMade, @Nullable Integer status, @Nullable Duration retryAfter) {
        if (attemptsMade > delays.size()) {
            return Optional.empty();
        }
        Duration delay = delays.get(attemptsMade - 1);
        double factor = 1 - JITTER + 2 * JITTER * ThreadLocalRandom.current().nextDouble();
        Duration wait = Duration.ofMillis(Math.max(1, Math.round(delay.toMillis() * factor)));
        if (retryAfter != null
                && status != null
                && (status == 429 || status == 503)
                && retryAfter.compareTo(wait) > 0) {
            Duration longest = longest(delays);
            wait = retryAfter.compareTo(longest) > 0 ? longest : retryAfter;
        }
        return Optional.of(wait);
    }

    /** The schedule's longest wait: the most a Retry-After may ask. */
    static Duration longest(List<Duration> delays) {
        return delays.stream().max(Duration::compareTo).orElseThrow();
    }
}
