package com.staffkit.staff;

import com.staffkit.common.events.Actor;
import com.staffkit.common.events.FieldChange;
import com.staffkit.common.paging.PageRequest;
import com.staffkit.common.paging.PageResponse;
import com.staffkit.common.security.Caller;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What other features (teams, stores) need from the staff directory. Reads are single statements
 * (or the list's page and count) and join the caller's transaction when there is one.
 */
@Service
public class StaffDirectory {

    private final StaffReader reader;
    private final StaffDirectoryQueries queries;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    StaffDirectory(StaffReader reader, StaffDirectoryQueries queries, ApplicationEventPublisher events, Clock clock) {
        this.reader = reader;
        this.queries = queries;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Which of these staff ids are in the organization and visible to the caller (a caller
     * narrowed to some stores sees only staff sharing one of them, and itself).
     */
    public Set<Long> visibleIn(Caller caller, long organizationId, Collection<Long> staffIds) {
        if (staffIds.isEmpty()) {
            return Set.of();
        }
        return queries.visibleIn(Visibility.of(caller), organizationId, staffIds);
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
        queries.leaveStore(storeId, now)
                .forEach(row -> events.publishEvent(row.event(
                        StaffEvents.CURRENT_STORE_SET,
                        Actor.of(caller),
                        List.of(FieldChange.of("current_store", storeId, null)),
                        now)));
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
