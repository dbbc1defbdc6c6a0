package com.staffkit.auth;

import com.staffkit.common.cache.ChangeAnnouncer;
import com.staffkit.common.cache.CommittedChange;
import com.staffkit.common.error.UnauthorizedException;
import com.staffkit.common.events.AccessEvent;
import com.staffkit.common.events.Actor;
import com.staffkit.common.events.DomainEvent;
import com.staffkit.common.events.Target;
import com.staffkit.common.security.Secrets;
import com.staffkit.staff.StaffEvents;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sessions with opaque tokens: a short-lived access token and a rotating refresh token per login.
 * A check reads the database unless the caller cache holds it; every revocation is announced
 * ({@link ChangeAnnouncer}), so it holds on this instance at once and on every other within
 * milliseconds.
 */
@Service
class SessionService {

    private static final Logger log = LoggerFactory.getLogger(SessionService.class);
    /** Sessions of an account ended by a logout or a replayed refresh token (not a domain event). */
    static final String SESSION_REVOKED = "session.revoked";

    private final AccessTokenRepository accessTokens;
    private final RefreshTokenRepository refreshTokens;
    private final AuthProperties properties;
    private final ChangeAnnouncer changes;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    SessionService(
            AccessTokenRepository accessTokens,
            RefreshTokenRepository refreshTokens,
            AuthProperties properties,
            ChangeAnnouncer changes,
            Clock clock,
            ApplicationEventPublisher events) {
        this.accessTokens = accessTokens;
        this.refreshTokens = refreshTokens;
        this.properties = properties;
        this.changes = changes;
        this.clock = clock;
        this.events = events;
    }

    /** The secrets handed to the client once; the database keeps their hashes. */
    record Tokens(String accessToken, Duration accessTokenTtl, String refreshToken) {

        @Override
        public String toString() {
            return "Tokens[accessTokenTtl=" + accessTokenTtl + "]";
        }
    }

    /** Starts a session under the account's session epoch, as read together with its password. */
    @Transactional
    Tokens start(long staffId, long organizationId, int sessionEpoch) {
        return issue(UUID.randomUUID(), staffId, organizationId, sessionEpoch);
    }

    /**
     * Exchanges a refresh token for new tokens. The old one stops working; presenting it again
     * revokes the whole family, since only a thief or a replay would.
     */
    @Transactional(noRollbackFor = UnauthorizedException.class)
    Tokens refresh(String refreshToken) {
        Instant now = clock.instant();
        RefreshTokenRepository.RefreshToken token = refreshTokens
                .findForUpdate(Secrets.sha256(refreshToken))
                .orElseThrow(SessionService::invalidRefreshToken);
        if (token.revokedAt() != null || token.expiresAt().isBefore(now) || !token.accountActive()) {
            throw invalidRefreshToken();
        }
        if (token.usedAt() != null) {
            log.warn("A used refresh token was presented again; revoking session family of staff {}", token.staffId());
            revokeFamily(token, now);
            recordEnded(AccessEvent.REFRESH_TOKEN_REUSED, Actor.ANONYMOUS, token, now);
            throw invalidRefreshToken();
        }
        refreshTokens.markUsed(token.id(), now);
        return issue(token.familyId(), token.staffId(), token.organizationId(), token.sessionEpoch());
    }

    /** Ends the session the refresh token belongs to; unknown tokens are ignored, so logout always succeeds. */
    @Transactional
    void logout(String refreshToken) {
        refreshTokens
                .findForUpdate(Secrets.sha256(refreshToken))
                .filter(token -> token.revokedAt() == null)
                .ifPresent(token -> {
                    Instant now = clock.instant();
                    revokeFamily(token, now);
                    recordEnded(AccessEvent.LOGGED_OUT, Actor.staff(token.staffId()), token, now);
                });
    }

    /** One statement per request, without a transaction around it. */
    Optional<ResolvedCaller> resolve(String accessToken) {
        return accessTokens.findCaller(Secrets.sha256(accessToken), clock.instant());
    }

    /** Deactivation, a role change or a password change end every session of the account, in the same transaction. */
    @EventListener
    void onStaffChanged(DomainEvent event) {
        if (StaffEvents.endsSessions(event)) {
            long staffId = event.target().id();
            if (revokeAllOf(staffId) > 0) {
                events.publishEvent(AccessEvent.about(
                        AccessEvent.SESSIONS_REVOKED,
                        event.organizationId(),
                        event.actor(),
                        staffId,
                        event.target().display(),
                        event.occurredAt()));
            }
        }
    }

    /** Expired tokens are useless; keep the tables small. */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    @Transactional
    void purgeExpired() {
        Instant cutoff = clock.instant().minus(Duration.ofDays(1));
        accessTokens.tokens().deleteExpiredBefore(cutoff);
        refreshTokens.tokens().deleteExpiredBefore(cutoff);
    }

    /** Ends every session of the account; returns how many sessions (refresh tokens) were still open. */
    private int revokeAllOf(long staffId) {
        Instant now = clock.instant();
        accessTokens.tokens().revokeAllOf(staffId, now);
        return refreshTokens.tokens().revokeAllOf(staffId, now);
    }

    private void revokeFamily(RefreshTokenRepository.RefreshToken token, Instant now) {
        refreshTokens.tokens().revokeFamily(token.familyId(), now);
        accessTokens.tokens().revokeFamily(token.familyId(), now);
        announceRevoked(token.staffId(), token.organizationId());
    }

    private void recordEnded(String type, Actor actor, RefreshTokenRepository.RefreshToken token, Instant now) {
        events.publishEvent(AccessEvent.about(type, token.organizationId(), actor, token.staffId(), null, now));
    }

    /** The one place a session revocation that is no domain event reaches the caches. */
    private void announceRevoked(long staffId, long organizationId) {
        changes.announce(new CommittedChange(SESSION_REVOKED, Target.STAFF, staffId, organizationId));
    }

    /** A new access token, never one that reads as an API key when sent as a bearer token. */
    private static String accessTokenSecret() {
        String secret = Secrets.newSecret();
        while (ApiKeyService.isKey(secret)) {
            secret = Secrets.newSecret();
        }
        return secret;
    }

    private Tokens issue(UUID familyId, long staffId, long organizationId, int sessionEpoch) {
        Instant now = clock.instant();
        String access = accessTokenSecret();
        String refresh = Secrets.newSecret();
        accessTokens
                .tokens()
                .insert(
                        Secrets.sha256(access),
                        familyId,
                        staffId,
                        organizationId,
                        sessionEpoch,
                        now,
                        now.plus(properties.accessTokenTtl()));
        refreshTokens
                .tokens()
                .insert(
                        Secrets.sha256(refresh),
                        familyId,
                        staffId,
                        organizationId,
                        sessionEpoch,
                        now,
                        now.plus(properties.refreshTokenTtl()));
        return new Tokens(access, properties.accessTokenTtl(), refresh);
    }

    private static UnauthorizedException invalidRefreshToken() {
        return new UnauthorizedException(
                "invalid-refresh-token",
                "Invalid refresh token",
                "The refresh token is invalid, expired, revoked or already used. Log in again.");
    }
}
