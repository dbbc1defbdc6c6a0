package com.staffkit.staff;

import com.staffkit.common.cache.CacheProperties;
import com.staffkit.common.cache.CacheTrust;
import com.staffkit.common.cache.ChangesMissed;
import com.staffkit.common.cache.CommittedChange;
import com.staffkit.common.cache.TrustedCache;
import com.staffkit.common.events.Target;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Staff rows kept in memory for reads by id ({@code staffkit.cache.staff-rows} of them, the least
 * recently used go first), whoever reads them: which caller may see a row is decided on every read
 * ({@link Visibility#sees}). A row is dropped when its staff member changes, on every instance
 * (through {@link CommittedChange}); all rows when a role, store, team or organization changes,
 * since their names and states are part of the rows that show them.
 */
@Component
class StaffRowCache implements MeterBinder {

    private final TrustedCache<Long, StaffRow> rows;

    StaffRowCache(CacheProperties properties, CacheTrust trust) {
        this.rows = new TrustedCache<>("staff", properties.staffRows(), trust);
    }

    Optional<StaffRow> row(long id, Function<Long, Optional<StaffRow>> load) {
        return rows.get(id, load);
    }

    @EventListener
    void onChange(CommittedChange change) {
        if (change.targets(Target.STAFF)) {
            rows.evict(change.targetId());
        } else if (!change.targets(Target.API_KEY)) {
            rows.evictAll();
        }
    }

    @EventListener
    void onChangesMissed(ChangesMissed missed) {
        rows.evictAll();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        rows.bindTo(registry);
    }
}
