package com.staffkit.common.limits;

import com.staffkit.common.error.ApiException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Counts hits per key within a fixed window, in PostgreSQL so that every instance counts the same
 * hits. A limit with a lockout also locks its key once over: until the lock ends every hit is
 * refused, however old the window. Rate limits and login lockouts are both this.
 */
@Component
public class RateLimiter {

    private final JdbcClient jdbc;
    private final Clock clock;

    RateLimiter(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Counts a hit on the key, atomically and in a transaction of its own so that it sticks whatever
     * happens next, and says how long the key must wait if this hit is over the limit.
     *
     * @param max hits allowed within the window
     * @param lockout how long a key over the limit stays locked; zero locks nothing, so a key over
     *     the limit waits for its window to end
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public Optional<Duration> count(String key, int max, Duration window, Duration lockout) {
        return countHit(key, max, window, lockout);
    }

    /** Counts a hit on the key; over {@code max} hits within the window is a 429 with Retry-After. */
    @Transactional(propagation = Propagation.REQUIRES_NEW, noRollbackFor = RateLimitedException.class)
    public void hit(String key, int max, Duration window) {
        countHit(key, max, window, Duration.ZERO).ifPresent(wait -> {
            throw new RateLimitedException(wait);
        });
    }

    private Optional<Duration> countHit(String key, int max, Duration window, Duration lockout) {
        Instant now = clock.instant();
        record Count(
                int hits, Instant windowStartedAt, @Nullable Timestamp lockedUntil) {}
        // A window restarts once it has ended, unless its key is still locked.
        Count count = jdbc.sql("""
                        insert into rate_limits as r (key, window_started_at, hits) values (:key, :now, 1)
                        on conflict (key) do update set
                            hits = case when r.window_started_at < :windowStart
                                             and (r.locked_until is null or r.locked_until <= :now)
                                        then 1 else r.hits + 1 end,
                            window_started_at = case when r.window_started_at < :windowStart
                                                          and (r.locked_until is null or r.locked_until <= :now)
                                                     then :now else r.window_started_at end,
                            locked_until = case
                                when r.locked_until > :now then r.locked_until
                                when :locks and r.window_started_at >= :windowStart and r.hits + 1 > :max
                                    then :lockUntil
                                else null end
                        returning hits, window_started_at, locked_until
                        """)
                .param("key", key)
                .param("now", Timestamp.from(now))
                .param("windowStart", Timestamp.from(now.minus(window)))
                .param("max", max)
                .param("locks", lockout.isPositive())
                .param("lockUntil", Timestamp.from(now.plus(lockout)))
                .query((rs, row) -> new Count(
                        rs.getInt("hits"),
                        rs.getTimestamp("window_started_at").toInstant(),
                        rs.getTimestamp("locked_until")))
                .single();
        if (count.lockedUntil() != null && count.lockedUntil().toInstant().isAfter(now)) {
            return Optional.of(Duration.between(now, count.lockedUntil().toInstant()));
        }
        if (count.hits() > max && !lockout.isPositive()) {
            return Optional.of(Duration.between(now, count.windowStartedAt().plus(window)));
        }
        return Optional.empty();
    }

    /** Takes back one hit counted on the key, for a hit that turned out not to count (a successful login). */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void refund(String key) {
        jdbc.sql("update rate_limits set hits = hits - 1 where key = :key and hits > 0")
                .param("key", key)
                .update();
    }

    /** Forgets the key's hits and lock (a correct password). */
    @Transactional
    public void clear(String key) {
        jdbc.sql("delete from rate_limits where key = :key").param("key", key).update();
    }

    /** Windows that ended a day ago, with no lock still running, count nothing any more. */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    @Transactional
    void purgeStale() {
        Instant now = clock.instant();
        jdbc.sql("delete from rate_limits where window_started_at < :cutoff"
                        + " and (locked_until is null or locked_until < :now)")
                .param("cutoff", Timestamp.from(now.minus(Duration.ofDays(1))))
                .param("now", Timestamp.from(now))
                .update();
    }

    /** 429 with the time until the window ends or the lock is lifted. */
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
