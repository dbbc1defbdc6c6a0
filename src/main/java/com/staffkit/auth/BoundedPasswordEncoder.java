package com.staffkit.auth;

import com.staffkit.common.error.ApiException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Password hashing in a small bulkhead of its own: at most {@code permits} hashes are computed at
 * once, the others wait their turn in arrival order, and one that waits too long gets 503 with
 * {@code Retry-After}. bcrypt costs tens of milliseconds of CPU by design; without a bound, a flood
 * of logins with random identifiers (each hashed, so that unknown accounts take as long as known
 * ones) took every processor and slowed every authenticated request a hundredfold. Logins wait here
 * outside the API's request lanes, so waiting logins never hold a lane either.
 */
final class BoundedPasswordEncoder implements PasswordEncoder {

    private final PasswordEncoder delegate;
    private final int permits;
    private final Semaphore hashing;
    private final long maxWaitNanos;

    BoundedPasswordEncoder(PasswordEncoder delegate, int permits, Duration maxWait) {
        this.delegate = delegate;
        this.permits = permits;
        this.hashing = new Semaphore(permits, true);
        this.maxWaitNanos = maxWait.toNanos();
    }

    @Override
    public String encode(CharSequence rawPassword) {
        acquire();
        try {
            return delegate.encode(rawPassword);
        } finally {
            hashing.release();
        }
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        acquire();
        try {
            return delegate.matches(rawPassword, encodedPassword);
        } finally {
            hashing.release();
        }
    }

    @Override
    public boolean upgradeEncoding(String encodedPassword) {
        return delegate.upgradeEncoding(encodedPassword);
    }

    /** Hashes being computed now. */
    int hashing() {
        return permits - hashing.availablePermits();
    }

    /** Hashes waiting for their turn now (an estimate while they come and go). */
    int waiting() {
        return hashing.getQueueLength();
    }

    /** For tests: the bulkhead itself, to fill it. */
    Semaphore permits() {
        return hashing;
    }

    private void acquire() {
        try {
            if (!hashing.tryAcquire(maxWaitNanos, TimeUnit.NANOSECONDS)) {
                throw new PasswordHashingBusyException();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PasswordHashingBusyException();
        }
    }

    /** 503: too many passwords are being checked; the client retries in a moment. */
    static final class PasswordHashingBusyException extends ApiException {

        PasswordHashingBusyException() {
            super(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "overloaded",
                    "Service overloaded",
                    "Too many passwords are being checked at once; retry in a moment.",
                    List.of());
            retryAfter(Duration.ofSeconds(1));
        }
    }
}
