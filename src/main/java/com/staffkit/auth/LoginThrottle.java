package com.staffkit.auth;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Brute-force protection per login identifier, kept in the database so every instance shares it.
 * Identifiers are counted whether or not an account has them, so a lockout reveals nothing.
 */
@Component
class LoginThrottle {

    private final JdbcClient jdbc;
    private final AuthProperties properties;
    private final Clock clock;

    LoginThrottle(JdbcClient jdbc, AuthProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    /** How long the identifier stays locked, if it is. */
    @Transactional(readOnly = true)
    Optional<Duration> lockedFor(String identifier) {
        Instant now = clock.instant();
        return jdbc.sql(
                        "select locked_until from login_attempts where identifier = :identifier and locked_until > :now")
                .param("identifier", normalize(identifier))
                .param("now", Timestamp.from(now))
                .query(Timestamp.class)
                .optional()
                .map(until -> Duration.between(now, until.toInstant()));
    }

    /** Counts a failure in its own transaction, so it sticks although the login fails. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    void recordFailure(String identifier) {
        Instant now = clock.instant();
        jdbc.sql("""
                        insert into login_attempts as a (identifier, failed_count, window_started_at)
                        values (:identifier, 1, :now)
                        on conflict (identifier) do update set
                            failed_count = case when a.window_started_at < :windowStart then 1 else a.failed_count + 1 end,
                            window_started_at = case when a.window_started_at < :windowStart then :now else a.window_started_at end,
                            locked_until = case
                                when a.window_started_at >= :windowStart and a.failed_count + 1 >= :max then :lockedUntil
                                else a.locked_until end
                        """)
                .param("identifier", normalize(identifier))
                .param("now", Timestamp.from(now))
                .param("windowStart", Timestamp.from(now.minus(properties.lockout())))
                .param("max", properties.maxFailedLogins())
                .param("lockedUntil", Timestamp.from(now.plus(properties.lockout())))
                .update();
    }

    @Transactional
    void recordSuccess(String identifier) {
        jdbc.sql("delete from login_attempts where identifier = :identifier")
                .param("identifier", normalize(identifier))
                .update();
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    @Transactional
    void purgeStale() {
        Timestamp cutoff =
                Timestamp.from(clock.instant().minus(properties.lockout().multipliedBy(2)));
        jdbc.sql(
                        "delete from login_attempts where window_started_at < :cutoff and (locked_until is null or locked_until < :cutoff)")
                .param("cutoff", cutoff)
                .update();
    }

    private static String normalize(String identifier) {
        return identifier.trim().toLowerCase(Locale.ROOT);
    }
}
