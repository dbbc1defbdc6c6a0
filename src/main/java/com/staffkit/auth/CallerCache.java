package com.staffkit.auth;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.staffkit.common.cache.CacheTrust;
import com.staffkit.common.cache.ChangesMissed;
import com.staffkit.common.cache.CommittedChange;
import com.staffkit.common.cache.TrustedCache;
import com.staffkit.common.events.Target;
import com.staffkit.common.security.Caller;
import com.staffkit.common.security.Secrets;
import com.staffkit.role.RoleEvents;
import com.staffkit.staff.StaffEvents;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Resolved callers kept in memory ({@code staffkit.auth.caller-cache-ttl}, five minutes by default;
 * zero turns the cache off), so a burst of requests with one credential costs one lookup instead of
 * one each.
 *
 * <p>Every committed change that may touch a caller ({@link #mayTouchCallers}: a staff member's
 * account, roles or stores, a role, a store, an organization, an API key, a session) empties the
 * cache: on the instance that made it as its transaction commits, and on every instance when the
 * change's notification arrives ({@link CommittedChange}), within milliseconds. The whole cache,
 * because such changes are rare next to requests. While this instance may miss notifications
 * ({@link CacheTrust}) the cache neither serves nor stores, and every request reads the database.
 * The time to live is a safety net, never longer than the credential's own expiry.
 */
@Component
class CallerCache implements MeterBinder {

    static final String METRIC_NAME = "callers";

    /**
     * Bounds memory by what entries hold (a caller's visible organizations, permissions and
     * stores), not by their number: a franchisor's caller weighs its whole network.
     */
    static final long MAX_WEIGHT = 500_000;

    /** A caller kept for {@code lifetime}. */
    private record Entry(Caller caller, Duration lifetime) {

        int weight() {
            Caller c = caller;
            return 1
                    + c.organizations().size()
                    + c.permissions().size()
                    + c.storeScope().size();
        }
    }

    /** Hits are callers served without a lookup; a lookup that raced with a change stores nothing. */
    private final TrustedCache<String, Entry> entries;

    private final Duration ttl;
    private final Clock clock;

    CallerCache(AuthProperties properties, CacheTrust trust, Clock clock) {
        Duration configured = properties.callerCacheTtl();
        this.ttl = configured == null || configured.isNegative() ? Duration.ZERO : configured;
        this.clock = clock;
        this.entries = new TrustedCache<>(
                METRIC_NAME,
                trust,
                Caffeine.newBuilder()
                        .expireAfter(Expiry.writing((String key, Entry entry) -> entry.lifetime()))
                        .maximumWeight(MAX_WEIGHT)
                        .weigher((String key, Entry entry) -> entry.weight()));
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
        // An entry whose credential expires now lives for no time: it is never served.
        return entries.get(
                        key,
                        k -> resolve.apply(secret)
                                .map(resolved -> new Entry(resolved.caller(), lifetime(resolved.expiresAt()))))
                .map(Entry::caller);
    }

    /** A change announced here as it committed, or by any instance through its notification. */
    @EventListener
    void onChange(CommittedChange change) {
        if (mayTouchCallers(change)) {
            entries.evictAll();
        }
    }

    /** This instance may have missed changes: whatever is held is unknown. */
    @EventListener
    void onChangesMissed(ChangesMissed missed) {
        entries.evictAll();
    }

    /**
     * Changes that touch no cached caller. A caller is its credential, account, roles and their
     * permissions, stores and organizations: a login (its time), the current store, and what nobody
     * holds yet (a new account, key or role) are none of that, and teams and webhooks are not either.
     */
    private static final Set<String> TOUCHING_NO_CALLER = Set.of(
            StaffEvents.LOGIN_SUCCEEDED,
            StaffEvents.CURRENT_STORE_SET,
            StaffEvents.CREATED,
            ApiKeyEvents.CREATED,
            RoleEvents.CREATED);

    /**
     * Whether a change may narrow or widen a cached caller: every change but those above, a
     * team's and a webhook's. When in doubt, evict: changes are rare next to requests.
     */
    static boolean mayTouchCallers(CommittedChange change) {
        return !change.targets(Target.TEAM)
                && !change.targets(Target.WEBHOOK)
                && !TOUCHING_NO_CALLER.contains(change.type());
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        entries.bindTo(registry);
    }

    /** The time to live, or less when the credential expires sooner (none once it has expired). */
    private Duration lifetime(Instant expiresAt) {
        if (expiresAt == null) {
            return ttl;
        }
        Duration left = Duration.between(clock.instant(), expiresAt);
        return left.isNegative() ? Duration.ZERO : left.compareTo(ttl) < 0 ? left : ttl;
    }
}
