package com.staffkit.staff;

import com.staffkit.common.error.InvalidRequestException;
import com.staffkit.common.events.Actor;
import com.staffkit.common.events.Changes;
import com.staffkit.common.events.FieldChange;
import com.staffkit.common.security.Caller;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Assigning staff to stores one at a time, and the store a staff member works at now. */
@Service
public class StaffStoreAssignments {

    private final StaffRepository repository;
    private final StaffChangeRules rules;
    private final StaffStores stores;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    StaffStoreAssignments(
            StaffRepository repository,
            StaffChangeRules rules,
            StaffStores stores,
            ApplicationEventPublisher events,
            Clock clock) {
        this.repository = repository;
        this.rules = rules;
        this.stores = stores;
        this.events = events;
        this.clock = clock;
    }

    /** Assigns one store (idempotent). */
    @Transactional
    void assign(Caller caller, long id, long storeId) {
        Staff staff = rules.loadForChange(caller, id);
        Set<Long> wanted = new HashSet<>(staff.storeIds());
        wanted.add(storeId);
        replace(caller, staff, wanted, StaffEvents.STORE_ASSIGNED);
    }

    /** Unassigns one store (idempotent); an unknown store is 404. */
    @Transactional
    void unassign(Caller caller, long id, long storeId) {
        Staff staff = rules.loadForChange(caller, id);
        boolean known = stores.find(List.of(storeId)).stream()
                .anyMatch(store -> store.organizationId() == staff.organizationId());
        if (!known) {
            throw InvalidRequestException.forField("retail_stores", "unknown store ids: [" + storeId + "]");
        }
        Set<Long> wanted = new HashSet<>(staff.storeIds());
        wanted.remove(storeId);
        replace(caller, staff, wanted, StaffEvents.STORE_UNASSIGNED);
    }

    /**
     * Switches the store the caller works at now: an assigned one, or any active one if it sees all stores.
     * The row is read before the check, so a store unassigned meanwhile fails the version (409).
     */
    @Transactional
    public void selectCurrentStore(long staffId, Long storeId) {
        Staff staff = repository.findById(staffId).orElseThrow(() -> StaffNotFoundException.forId(staffId));
        if (storeId != null && !stores.canWorkAt(staffId, storeId)) {
            throw InvalidRequestException.forField(
                    "store", "not a store you may work at: it must be active and assigned to you");
        }
        Long before = staff.currentStoreId();
        Instant now = clock.instant();
        staff.selectCurrentStore(storeId, now);
        repository.flush();
        if (!Objects.equals(before, storeId)) {
            events.publishEvent(StaffEvents.event(
                    StaffEvents.CURRENT_STORE_SET,
                    Actor.staff(staffId),
                    staff,
                    List.of(FieldChange.of("current_store", before, storeId)),
                    now));
        }
    }

    private void replace(Caller caller, Staff staff, Set<Long> wanted, String eventType) {
        Set<Long> storeIds = rules.checkedStores(caller, staff.organizationId(), staff.storeIds(), List.copyOf(wanted));
        Changes changes = Changes.between().set("retail_stores", staff.storeIds(), storeIds);
        Instant now = clock.instant();
        staff.replaceStores(storeIds, stores.seesAllStores(staff.id()), now);
        repository.saveAndFlush(staff);
        if (!changes.isEmpty()) {
            events.publishEvent(StaffEvents.event(eventType, Actor.of(caller), staff, changes.list(), now));
        }
    }
}
