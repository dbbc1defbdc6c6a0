package com.staffkit.staff;

import com.staffkit.common.events.Actor;
import com.staffkit.common.events.DomainEvent;
import com.staffkit.common.events.FieldChange;
import com.staffkit.common.security.Caller;
import com.staffkit.common.web.PageRequest;
import com.staffkit.common.web.PageResponse;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What other features (teams, stores) need from the staff directory. Reads are single statements
 * (or the list's page and count) and join the caller's transaction when there is one.
 */
@Service
public class StaffDirectory {

    private final StaffReader reader;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    StaffDirectory(StaffReader reader, JdbcClient jdbc, ApplicationEventPublisher events, Clock clock) {
        this.reader = reader;
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Which of these staff ids are in the organization and visible to the caller (a store-scoped
     * manager sees only staff sharing a store with it, and itself).
     */
    public Set<Long> visibleIn(Caller caller, long organizationId, Collection<Long> staffIds) {
        if (staffIds.isEmpty()) {
            return Set.of();
        }
        Visibility visibility = Visibility.of(caller);
        var spec = jdbc.sql("select id from staff where organization_id = :organizationId and id = any(:ids) and "
                        + visibility.storeScopeSql("staff"))
                .param("organizationId", organizationId)
                .param("ids", staffIds.toArray(Long[]::new))
                .params(visibility.storeParams());
        return spec.query(Long.class).list().stream().collect(Collectors.toSet());
    }

    /** Whether the caller may read this staff member: the rule of {@code GET /api/v1/staffs/{id}}. */
    public boolean canRead(Caller caller, long staffId) {
        return reader.canRead(caller, staffId);
    }

    /**
     * A deactivated store is nobody's current store any more. One statement for all its staff, which
     * bumps each row's version like an update of the aggregate, so a write that read the row before
     * fails with 409 instead of putting the store back. Each of them gets its event, made by whoever
     * deactivated the store.
     */
    @Transactional
    public void leaveStore(Caller caller, long storeId) {
        Instant now = clock.instant();
        jdbc.sql("""
                        update staff set current_store_id = null, modified_at = :now, version = version + 1
                        where current_store_id = :storeId
                        returning id, organization_id, email, username, first_name, last_name
                        """)
                .param("storeId", storeId)
                .param("now", Timestamp.from(now))
                .query((rs, row) -> new DomainEvent(
                        StaffEvents.CURRENT_STORE_SET,
                        rs.getLong("organization_id"),
                        Actor.of(caller),
                        StaffEvents.target(rs),
                        List.of(FieldChange.of("current_store", storeId, null)),
                        now))
                .list()
                .forEach(events::publishEvent);
    }

    /** A team's members as staff representations, paginated like the staff list. */
    public PageResponse<StaffResponse> teamMembers(
            Caller caller, long teamId, boolean includeInactive, PageRequest page) {
        return reader.list(caller, StaffFilter.ofTeam(teamId).includingInactive(includeInactive), page);
    }

    /** A store's staff as staff representations, paginated like the staff list. */
    public PageResponse<StaffResponse> storeStaff(
            Caller caller, long storeId, boolean includeInactive, PageRequest page) {
        return reader.list(caller, StaffFilter.ofStore(storeId).includingInactive(includeInactive), page);
    }
}
