package com.staffkit.auth;

import com.staffkit.staff.PasswordAttemptGuard;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Brute-force protection per login identifier, kept in the database so every instance shares it.
 * Each attempt is counted atomically before the password is checked, so parallel guesses cannot
 * slip past the limit; identifiers count whether or not an account has them, so a lockout reveals
 * nothing. Identifiers are lower-cased by PostgreSQL, exactly as the account lookup does.
 */
@Component
class LoginThrottle implements PasswordAttemptGuard {

    private final JdbcClient jdbc;
    private final AuthProperties properties;
    private final Clock clock;

    LoginThrottle(JdbcClient jdbc, AuthProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Counts this attempt, in its own transaction so that it sticks whatever happens next, and says
     * how long the identifier stays locked if this attempt is one too many.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    Optional<Duration> reserve(String identifier) {
        Instant now = clock.instant();
        Timestamp lockedUntil = jdbc.sql("""
                        insert into login_attempts as a (identifier, failed_count, window_started_at)
                        values (lower(:identifier), 1, :now)
                        on conflict (identifier) do update set
                            failed_count = case when a.window_started_at < :windowStart
                                                     and (a.locked_until is null or a.locked_until <= :now)
                                                then 1 else a.failed_count + 1 end,
                            window_started_at = case when a.window_started_at < :windowStart
                                                          and (a.locked_until is null or a.locked_until <= :now)
                                                     then :now else a.window_started_at end,
                            locked_until = case
                                when a.locked_until > :now then a.locked_until
                                when a.window_started_at >= :windowStart and a.failed_count + 1 > :max then :lockUntil
                                else a.locked_until end
                        returning locked_until
                        """)
                .param("identifier", identifier.trim())
                .param("now", Timestamp.from(now))
                .param("windowStart", Timestamp.from(now.minus(properties.lockout())))
                .param("max", properties.maxFailedLogins())
                .param("lockUntil", Timestamp.from(now.plus(properties.lockout())))
                .query(Timestamp.class)
                .optional()
                .orElse(null);
        if (lockedUntil == null || !lockedUntil.toInstant().isAfter(now)) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, lockedUntil.toInstant()));
    }

    /** A successful login clears the count. */
    @Transactional
    void recordSuccess(String identifier) {
        jdbc.sql("delete from login_attempts where identifier = lower(:identifier)")
                .param("identifier", identifier.trim())
                .update();
    }

    @Override
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void attempt(String key) {
        reserve(key).ifPresent(wait -> {
            throw new LoginService.TooManyLoginAttemptsException(wait);
        });
    }

    @Override
    public void succeeded(String key) {
        recordSuccess(key);
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    @Transactional
    void purgeStale() {
        Timestamp cutoff =
                Timestamp.from(clock.instant().minus(properties.lockout().multipliedBy(2)));
        jdbc.sql("delete from login_attempts where window_started_at < :cutoff"
                        + " and (locked_until is null or locked_until < :cutoff)")
                .param("cutoff", cutoff)
                .update();
    }
}
