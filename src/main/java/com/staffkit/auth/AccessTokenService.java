package com.staffkit.auth;

import com.staffkit.common.security.Caller;
import com.staffkit.staff.StaffDeactivated;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Issues and resolves opaque access tokens; revocation is a row update seen by every instance. */
@Service
class AccessTokenService {

    private final AccessTokenRepository tokens;
    private final AuthProperties properties;
    private final Clock clock;

    AccessTokenService(AccessTokenRepository tokens, AuthProperties properties, Clock clock) {
        this.tokens = tokens;
        this.properties = properties;
        this.clock = clock;
    }

    record IssuedToken(String secret, Duration ttl) {}

    @Transactional
    IssuedToken issue(long staffId, long organizationId) {
        String secret = TokenHashing.newSecret();
        Instant now = clock.instant();
        tokens.insert(TokenHashing.sha256(secret), staffId, organizationId, now, now.plus(properties.accessTokenTtl()));
        return new IssuedToken(secret, properties.accessTokenTtl());
    }

    @Transactional(readOnly = true)
    Optional<Caller> resolve(String secret) {
        return tokens.findCaller(TokenHashing.sha256(secret), clock.instant());
    }

    /** A deactivated account's tokens die with the deactivation, in the same transaction. */
    @EventListener
    void onStaffDeactivated(StaffDeactivated event) {
        tokens.revokeAllOf(event.staffId(), clock.instant());
    }

    /** Expired tokens are useless; keep the table small. */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    @Transactional
    void purgeExpired() {
        tokens.deleteExpiredBefore(clock.instant().minus(Duration.ofDays(1)));
    }
}
