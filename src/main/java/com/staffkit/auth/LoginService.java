package com.staffkit.auth;

import com.staffkit.common.error.ApiException;
import com.staffkit.common.error.UnauthorizedException;
import com.staffkit.common.events.AccessEvent;
import com.staffkit.common.events.Actor;
import com.staffkit.common.limits.RateLimiter;
import com.staffkit.common.security.Secrets;
import com.staffkit.staff.LoginAccount;
import com.staffkit.staff.StaffLogins;
import com.staffkit.staff.StaffStoreAssignments;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * Exchanges a username or email and a password for tokens. Every refusal is the same 401, an
 * unknown account costs the same hashing work (one bcrypt check, no more), and lockouts count
 * identifiers rather than accounts, so nothing tells accounts apart. Failed logins also count per
 * client address, so one client cannot make the service hash for ever; the hashing itself runs in a
 * bounded bulkhead ({@link BoundedPasswordEncoder}).
 */
@Service
class LoginService {

    private final StaffLogins staffLogins;
    private final PasswordEncoder passwordEncoder;
    private final SessionService sessions;
    private final LoginThrottle throttle;
    private final StaffStoreAssignments storeAssignments;
    private final RateLimiter rateLimiter;
    private final AuthProperties properties;
    private final String unknownAccountHash;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    LoginService(
            StaffLogins staffLogins,
            PasswordEncoder passwordEncoder,
            SessionService sessions,
            LoginThrottle throttle,
            StaffStoreAssignments storeAssignments,
            RateLimiter rateLimiter,
            AuthProperties properties,
            ApplicationEventPublisher events,
            Clock clock) {
        this.staffLogins = staffLogins;
        this.passwordEncoder = passwordEncoder;
        this.sessions = sessions;
        this.throttle = throttle;
        this.storeAssignments = storeAssignments;
        this.rateLimiter = rateLimiter;
        this.properties = properties;
        this.unknownAccountHash = passwordEncoder.encode(Secrets.newSecret());
        this.events = events;
        this.clock = clock;
    }

    /**
     * Not one transaction: a failure must be counted although the login fails. Each attempt is
     * counted against its client address before any work and refunded if it succeeds, so parallel
     * failures cannot pass the limit, and a limited address costs one statement and no hashing.
     */
    LoginResponse login(LoginRequest request, String clientAddress) {
        String addressKey = "login-failures:address:" + clientAddress;
        rateLimiter.hit(addressKey, properties.maxFailedLoginsPerAddress(), properties.lockout());
        LoginResponse response = login(request);
        rateLimiter.refund(addressKey);
        return response;
    }

    private LoginResponse login(LoginRequest request) {
        String identifier = request.username().trim();
        Optional<Duration> locked = throttle.reserve(identifier);
        if (locked.isPresent()) {
            record(AccessEvent.LOGIN_LOCKED_OUT, staffLogins.findByIdentifier(identifier));
            throw new TooManyLoginAttemptsException(locked.get());
        }
        Optional<LoginAccount> account = staffLogins.findByIdentifier(identifier);
        if (account.isPresent()) {
            // Per account too, so guesses through the username and the email share one limit.
            Optional<Duration> accountLocked = throttle.reserve(accountKey(account.get()));
            if (accountLocked.isPresent()) {
                record(AccessEvent.LOGIN_LOCKED_OUT, account);
                throw new TooManyLoginAttemptsException(accountLocked.get());
            }
        }
        String hash = account.map(LoginAccount::passwordHash).orElse(null);
        boolean passwordMatches = passwordEncoder.matches(request.password(), hash == null ? unknownAccountHash : hash);
        if (account.isEmpty()
                || hash == null
                || !passwordMatches
                || !account.get().canLogIn()) {
            record(AccessEvent.LOGIN_FAILED, account);
            throw invalidCredentials();
        }
        LoginAccount staff = account.get();
        throttle.recordSuccess(identifier);
        throttle.recordSuccess(accountKey(staff));
        if (request.store() != null) {
            storeAssignments.selectCurrentStore(staff.staffId(), request.store());
        }
        staffLogins.recordLogin(staff.staffId());
        return LoginResponse.of(sessions.start(staff.staffId(), staff.organizationId(), staff.sessionEpoch()));
    }

    /** A refused login, in the audit trail: the account when the identifier named one, never the identifier itself. */
    private void record(String type, Optional<LoginAccount> account) {
        Instant now = clock.instant();
        events.publishEvent(account.map(found ->
                        AccessEvent.about(type, found.organizationId(), Actor.ANONYMOUS, found.staffId(), null, now))
                .orElseGet(() -> AccessEvent.unknownAccount(type, now)));
    }

    private static String accountKey(LoginAccount account) {
        return "account:" + account.staffId();
    }

    LoginResponse refresh(RefreshRequest request) {
        return LoginResponse.of(sessions.refresh(request.refreshToken()));
    }

    private static UnauthorizedException invalidCredentials() {
        return new UnauthorizedException(
                "invalid-credentials", "Invalid credentials", "The username or password is incorrect.");
    }

    /** 429 with the time to wait in its Retry-After header. */
    static final class TooManyLoginAttemptsException extends ApiException {

        TooManyLoginAttemptsException(Duration retryAfter) {
            super(
                    HttpStatus.TOO_MANY_REQUESTS,
                    "too-many-login-attempts",
                    "Too many login attempts",
                    "Too many failed logins for this account. Try again later.",
                    List.of());
            retryAfter(retryAfter);
        }
    }
}
