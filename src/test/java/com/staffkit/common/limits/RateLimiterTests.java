package com.staffkit.common.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.staffkit.support.IntegrationTest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The one mechanism behind rate limits and lockouts, on the real table with a clock the test moves. */
class RateLimiterTests extends IntegrationTest {

    private static final Duration WINDOW = Duration.ofMinutes(15);

    private final MovableClock clock = new MovableClock(Instant.parse("2026-01-05T10:00:00Z"));
    private RateLimiter limiter;
    private String key;

    @BeforeEach
    void newKey() {
        limiter = new RateLimiter(jdbc, clock);
        key = "test:" + unique();
    }

    private Integer hits() {
        return jdbc.sql("select hits from rate_limits where key = :key")
                .param("key", key)
                .query(Integer.class)
                .optional()
                .orElse(null);
    }

    @Test
    void hitsOverTheLimitWaitForTheWindowToEndThenCountAgain() {
        limiter.hit(key, 2, WINDOW);
        clock.pass(Duration.ofMinutes(5));
        limiter.hit(key, 2, WINDOW);

        assertThat(limiter.count(key, 2, WINDOW, Duration.ZERO)).contains(Duration.ofMinutes(10));
        assertThatThrownBy(() -> limiter.hit(key, 2, WINDOW))
                .isInstanceOf(RateLimiter.RateLimitedException.class)
                .satisfies(e -> assertThat(((RateLimiter.RateLimitedException) e)
                                .getHeaders()
                                .getFirst("Retry-After"))
                        .isEqualTo("600"));
        assertThat(hits()).isEqualTo(4);

        clock.pass(WINDOW);
        assertThat(limiter.count(key, 2, WINDOW, Duration.ZERO)).isEmpty();
        assertThat(hits()).isEqualTo(1);
    }

    @Test
    void aLockoutHoldsPastItsWindowThenTheCountStartsOver() {
        Duration lockout = Duration.ofHours(1);
        assertThat(limiter.count(key, 2, WINDOW, lockout)).isEmpty();
        assertThat(limiter.count(key, 2, WINDOW, lockout)).isEmpty();
        assertThat(limiter.count(key, 2, WINDOW, lockout)).contains(lockout);

        clock.pass(Duration.ofMinutes(30));
        assertThat(limiter.count(key, 2, WINDOW, lockout)).contains(Duration.ofMinutes(30));

        clock.pass(Duration.ofMinutes(30));
        assertThat(limiter.count(key, 2, WINDOW, lockout)).isEmpty();
        assertThat(hits()).isEqualTo(1);
    }

    @Test
    void aRefundTakesBackOneHitAndClearForgetsTheKey() {
        limiter.hit(key, 5, WINDOW);
        limiter.hit(key, 5, WINDOW);
        limiter.refund(key);
        assertThat(hits()).isEqualTo(1);

        limiter.count(key, 1, WINDOW, Duration.ofHours(1));
        limiter.clear(key);
        assertThat(hits()).isNull();
        assertThat(limiter.count(key, 1, WINDOW, Duration.ofHours(1))).isEmpty();
    }

    @Test
    void thePurgeDropsOldWindowsButKeepsRunningLocks() {
        String locked = key + ":locked";
        limiter.hit(key, 5, WINDOW);
        limiter.count(locked, 0, WINDOW, Duration.ofDays(3));
        limiter.count(locked, 0, WINDOW, Duration.ofDays(3));

        clock.pass(Duration.ofDays(2));
        limiter.purgeStale();

        assertThat(hits()).isNull();
        assertThat(jdbc.sql("select count(*) from rate_limits where key = :key")
                        .param("key", locked)
                        .query(Long.class)
                        .single())
                .isOne();
    }

    private static final class MovableClock extends Clock {

        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void pass(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
