package com.staffkit.staff;

import com.staffkit.common.cache.CacheProperties;
import com.staffkit.common.cache.CacheTrust;
import com.staffkit.common.cache.ChangesMissed;
import com.staffkit.common.cache.CommittedChange;
import com.staffkit.common.cache.TrustedCache;
import com.staffkit.common.events.Target;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Staff rows kept in memory for reads by id and, while they all fit, the rows of list pages ({@code
 * staffkit.cache.staff-rows} of them, the least recently used go first), whoever reads them: which
 * caller may see a row is decided on every read ({@link Visibility#sees}). A row is dropped when its
 * staff member changes, on every instance (through {@link CommittedChange}); all rows when a role,
 * store, team or organization changes, since their names and states are part of the rows that show
 * them.
 *
 * <p>Lookups keep the ids of the staff members they match (as many rows again at most): all of
 * them are dropped when a staff member is created or changes in a way that may change what it is
 * looked up by (an email, a username, a remote id), since such a change may add or remove a match
 * of any lookup.
 */
@Component
class StaffRowCache implements MeterBinder {

    /** Staff changes that leave what a staff member is looked up by as it was. */
    private static final Set<String> KEEP_LOOKUPS = Set.of(
            StaffEvents.DEACTIVATED,
            StaffEvents.REACTIVATED,
            StaffEvents.ACTIVATED,
            StaffEvents.ROLES_CHANGED,
            StaffEvents.STORES_CHANGED,
            StaffEvents.STORE_ASSIGNED,
            StaffEvents.STORE_UNASSIGNED,
            StaffEvents.CURRENT_STORE_SET,
            StaffEvents.PASSWORD_CHANGED,
            StaffEvents.PASSWORD_RESET,
            StaffEvents.LOGIN_SUCCEEDED);

    private final TrustedCache<Long, StaffRow> rows;
    private final TrustedCache<StaffLookup, List<Long>> lookups;

    StaffRowCache(CacheProperties properties, CacheTrust trust) {
        this.rows = new TrustedCache<>("staff", properties.staffRows(), trust);
        this.lookups = new TrustedCache<>("staff_lookups", properties.staffRows(), trust);
    }

    Optional<StaffRow> row(long id, Function<Long, Optional<StaffRow>> load) {
        return rows.get(id, load);
    }

    /** The rows of these ids held in memory, the others read by one call of {@code load} (and kept). */
    Map<Long, StaffRow> rows(Collection<Long> ids, Function<Collection<Long>, Map<Long, StaffRow>> load) {
        return rows.getAll(ids, load);
    }

    /** Whether every row read is kept without pushing another out ({@link TrustedCache#hasRoom}). */
    boolean hasRoom() {
        return rows.hasRoom();
    }

    /** The ids a lookup matches, or empty when {@code load} found too many to keep. */
    Optional<List<Long>> matches(StaffLookup lookup, Function<StaffLookup, Optional<List<Long>>> load) {
        return lookups.get(lookup, load);
    }

    @EventListener
    void onChange(CommittedChange change) {
        if (change.targets(Target.STAFF)) {
            rows.evict(change.targetId());
            if (!KEEP_LOOKUPS.contains(change.type())) {
                lookups.evictAll();
            }
        } else if (!change.targets(Target.API_KEY) && !change.targets(Target.WEBHOOK)) {
            rows.evictAll();
        }
    }

    @EventListener
    void onChangesMissed(ChangesMissed missed) {
        rows.evictAll();
        lookups.evictAll();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        rows.bindTo(registry);
        lookups.bindTo(registry);
    }
}
