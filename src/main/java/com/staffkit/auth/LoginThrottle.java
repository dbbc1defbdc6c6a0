package com.staffkit.auth;

import com.staffkit.common.limits.RateLimiter;
import com.staffkit.staff.PasswordAttemptGuard;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Brute-force protection per login identifier: a rate limit with a lockout, counted in the
 * database so every instance shares it. Each attempt is counted atomically before the password is
 * checked, so parallel guesses cannot slip past the limit; identifiers count whether or not an
 * account has them, so a lockout reveals nothing. Identifiers count lower-cased, as accounts are
 * looked up.
 */
@Component
class LoginThrottle implements PasswordAttemptGuard {

    private final RateLimiter rateLimiter;
    private final AuthProperties properties;

    LoginThrottle(RateLimiter rateLimiter, AuthProperties properties) {
        this.rateLimiter = rateLimiter;
        this.properties = properties;
    }

    /** The key an identifier counts under. */
    static String key(String identifier) {
        return "login:" + identifier.trim().toLowerCase(Locale.ROOT);
    }

    /**
     * Counts this attempt, so that it sticks whatever happens next, and says how long the identifier
     * stays locked if this attempt is one too many.
     */
    Optional<Duration> reserve(String identifier) {
        return rateLimiter.count(
                key(identifier), properties.maxFailedLogins(), properties.lockout(), properties.lockout());
    }

    /** A successful login clears the count. */
    void recordSuccess(String identifier) {
        rateLimiter.clear(key(identifier));
    }

    @Override
    public void attempt(String key) {
        reserve(key).ifPresent(wait -> {
            throw new LoginService.TooManyLoginAttemptsException(wait);
        });
    }

    @Override
    public void succeeded(String key) {
        recordSuccess(key);
    }
}
