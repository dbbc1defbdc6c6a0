package com.staffkit.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.staffkit.common.events.DomainEvent;
import com.staffkit.common.security.Caller;
import com.staffkit.common.security.Secrets;
import com.staffkit.organization.OrganizationEvents;
import com.staffkit.role.RoleEvents;
import com.staffkit.staff.StaffEvents;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Resolved callers kept for a short time ({@code staffkit.auth.caller-cache-ttl}), so a burst of
 * requests with one credential costs one lookup instead of one each. Off by default: then every
 * request reads the database and a revocation holds on the very next request, on every instance.
 *
 * <p>When on, the time to live is the bound on how long another instance may still accept a
 * credential revoked elsewhere. Changes made through this instance that narrow what a credential
 * may do (deactivation, a role or password change, logout, a revoked key, a role deleted or its
 * permissions changed, store assignments, a deactivated organization) empty the cache as their
 * transaction commits (the whole cache: such changes are rare next to requests). New
 * sub-organizations reach cached callers within the time to live.
 */
@Component
class CallerCache {

    /**
     * Bounds memory by what entries hold (a caller's visible organizations, permissions and
     * stores), not by their number: a franchisor's caller weighs its whole network.
     */
    static final long MAX_WEIGHT = 500_000;

    /** A caller kept for {@code lifetime}, stored under eviction {@code generation}. */
    private record Entry(Caller caller, Duration lifetime, long generation) {

        int weight() {
            Caller c = caller;
            return 1
                    + c.organizations().size()
                    + c.permissions().size()
                    + c.storeScope().size();
        }
    }

    private final Cache<String, Entry> entries;
    /** Moves on every eviction: an entry stored under an older generation is never served. */
    private final AtomicLong generation = new AtomicLong();

    private final Duration ttl;
    private final Clock clock;

    CallerCache(AuthProperties properties, Clock clock) {
        Duration configured = properties.callerCacheTtl();
        this.ttl = configured == null || configured.isNegative() ? Duration.ZERO : configured;
        this.clock = clock;
        this.entries = Caffeine.newBuilder()
                .expireAfter(Expiry.writing((String key, Entry entry) -> entry.lifetime()))
                .maximumWeight(MAX_WEIGHT)
                .weigher((String key, Entry entry) -> entry.weight())
                .build();
    }

    boolean enabled() {
        return ttl.isPositive();
    }

    /** The caller behind a credential of one kind ("bearer", "api-key"), from the cache or resolved. */
    Optional<Caller> get(String kind, String secret, Function<String, Optional<ResolvedCaller>> resolve) {
        if (!enabled()) {
            return resolve.apply(secret).map(ResolvedCaller::caller);
        }
        String key = kind + ':' + Base64.getEncoder().encodeToString(Secrets.sha256(secret));
        long current = generation.get();
        Entry cached = entries.getIfPresent(key);
        if (cached != null && cached.generation() == current) {
            return Optional.of(cached.caller());
        }
        Optional<ResolvedCaller> resolved = resolve.apply(secret);
        if (resolved.isEmpty()) {
            entries.invalidate(key);
            return Optional.empty();
        }
        Duration lifetime = lifetime(resolved.get().expiresAt());
        if (lifetime.isPositive()) {
            // Stored under the generation read before the lookup: an eviction that committed
            // meanwhile makes it a miss.
            entries.put(key, new Entry(resolved.get().caller(), lifetime, current));
        }
        return Optional.of(resolved.get().caller());
    }

    /** Forgets every cached caller once the current transaction commits (at once outside one). */
    void evictAfterCommit() {
        if (!enabled()) {
            return;
        }
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    evictAll();
                }
            });
        } else {
            evictAll();
        }
    }

    void evictAll() {
        generation.incrementAndGet();
        entries.invalidateAll();
    }

    /** Every change that narrows what a credential may do, made through this instance. */
    @EventListener
    void onChange(DomainEvent event) {
        if (StaffEvents.narrows(event)
                || RoleEvents.narrows(event)
                || OrganizationEvents.deactivates(event)
                || event.is(ApiKeyEvents.REVOKED)) {
            evictAfterCommit();
        }
    }

    /** The time to live, or less when the credential expires sooner. */
    private Duration lifetime(Instant expiresAt) {
        if (expiresAt == null) {
            return ttl;
        }
        Duration left = Duration.between(clock.instant(), expiresAt);
        return left.compareTo(ttl) < 0 ? left : ttl;
    }
}
