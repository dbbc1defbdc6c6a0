package com.staffkit.common.web;

import com.staffkit.common.error.ApiException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Fixed-window rate limits kept in PostgreSQL, so every instance counts the same hits. */
@Component
public class RateLimiter {

    private final JdbcClient jdbc;
    private final Clock clock;

    RateLimiter(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Counts a hit on the key; over {@code max} hits within the window is a 429 with Retry-After. */
    @Transactional(propagation = Propagation.REQUIRES_NEW, noRollbackFor = RateLimitedException.class)
    public void hit(String key, int max, Duration window) {
        Instant now = clock.instant();
        record Count(int hits, Instant windowStartedAt) {}
        Count count = jdbc.sql("""
                        insert into rate_limits as r (key, window_started_at, hits) values (:key, :now, 1)
                        on conflict (key) do update set
                            hits = case when r.window_started_at < :windowStart then 1 else r.hits + 1 end,
                            window_started_at = case when r.window_started_at < :windowStart
                                                     then :now else r.window_started_at end
                        returning hits, window_started_at
                        """)
                .param("key", key)
                .param("now", Timestamp.from(now))
                .param("windowStart", Timestamp.from(now.minus(window)))
                .query((rs, row) -> new Count(
                        rs.getInt("hits"), rs.getTimestamp("window_started_at").toInstant()))
                .single();
        if (count.hits() > max) {
            throw new RateLimitedException(
                    Duration.between(now, count.windowStartedAt().plus(window)));
        }
    }

    /** Takes back one hit counted on the key, for a hit that turned out not to count (a successful login). */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void refund(String key) {
        jdbc.sql("update rate_limits set hits = hits - 1 where key = :key and hits > 0")
                .param("key", key)
                .update();
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    @Transactional
    void purgeStale() {
        jdbc.sql("delete from rate_limits where window_started_at < :cutoff")
                .param("cutoff", Timestamp.from(clock.instant().minus(Duration.ofDays(1))))
                .update();
    }

    /** 429 with the time until the window ends. */
    public static final class RateLimitedException extends ApiException {

        RateLimitedException(Duration retryAfter) {
            super(
                    HttpStatus.TOO_MANY_REQUESTS,
                    "too-many-requests",
                    "Too many requests",
                    "Too many requests of this kind. Try again later.",
                    List.of());
            retryAfter(retryAfter);
        }
    }
}
