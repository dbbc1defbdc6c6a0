package com.staffkit.auth;

import com.staffkit.common.security.Caller;
import com.staffkit.common.security.Secrets;
import com.staffkit.organization.OrganizationDeactivated;
import com.staffkit.role.RoleDeleted;
import com.staffkit.staff.StaffDeactivated;
import com.staffkit.staff.StaffPasswordChanged;
import com.staffkit.staff.StaffRolesChanged;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
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
 * credential revoked elsewhere. Revocations made through this instance (deactivation, a role or
 * password change, logout, a revoked key, a deleted role, a deactivated organization) empty the
 * cache as their transaction commits. Permission edits of a role, store assignments and new
 * sub-organizations reach cached callers within the time to live.
 */
@Component
class CallerCache {

    /** Bounds memory: beyond this many credentials the cache starts over. */
    static final int MAX_ENTRIES = 10_000;

    private record Entry(Caller caller, long expiresAtNanos) {}

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    /** Moves on every eviction, so a lookup that raced with a revocation does not store its stale result. */
    private final AtomicLong generation = new AtomicLong();

    private final long ttlNanos;
    private final Clock clock;

    CallerCache(AuthProperties properties, Clock clock) {
        Duration ttl = properties.callerCacheTtl();
        this.ttlNanos = ttl == null || ttl.isNegative() ? 0 : ttl.toNanos();
        this.clock = clock;
    }

    boolean enabled() {
        return ttlNanos > 0;
    }

    /** The caller behind a credential of one kind ("bearer", "api-key"), from the cache or resolved. */
    Optional<Caller> get(String kind, String secret, Function<String, Optional<ResolvedCaller>> resolve) {
        if (!enabled()) {
            return resolve.apply(secret).map(ResolvedCaller::caller);
        }
        String key = kind + ':' + Base64.getEncoder().encodeToString(Secrets.sha256(secret));
        long now = System.nanoTime();
        Entry cached = entries.get(key);
        if (cached != null && now - cached.expiresAtNanos() < 0) {
            return Optional.of(cached.caller());
        }
        long generationBefore = generation.get();
        Optional<ResolvedCaller> resolved = resolve.apply(secret);
        if (resolved.isEmpty()) {
            entries.remove(key);
            return Optional.empty();
        }
        long expiresAt = now + Math.min(ttlNanos, untilExpiry(resolved.get().expiresAt()));
        if (expiresAt - now > 0) {
            if (entries.size() >= MAX_ENTRIES) {
                entries.clear();
            }
            entries.put(key, new Entry(resolved.get().caller(), expiresAt));
            if (generation.get() != generationBefore) {
                entries.remove(key);
            }
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
        entries.clear();
    }

    @EventListener
    void onStaffDeactivated(StaffDeactivated event) {
        evictAfterCommit();
    }

    @EventListener
    void onStaffRolesChanged(StaffRolesChanged event) {
        evictAfterCommit();
    }

    @EventListener
    void onStaffPasswordChanged(StaffPasswordChanged event) {
        evictAfterCommit();
    }

    @EventListener
    void onRoleDeleted(RoleDeleted event) {
        evictAfterCommit();
    }

    @EventListener
    void onOrganizationDeactivated(OrganizationDeactivated event) {
        evictAfterCommit();
    }

    private long untilExpiry(Instant expiresAt) {
        if (expiresAt == null) {
            return Long.MAX_VALUE;
        }
        return Math.max(0, Duration.between(clock.instant(), expiresAt).toNanos());
    }
}
