package com.staffkit.store;

import com.staffkit.common.events.Actor;
import com.staffkit.common.events.Changes;
import com.staffkit.common.events.DomainEvent;
import com.staffkit.common.events.FieldChange;
import com.staffkit.common.events.Target;
import com.staffkit.common.security.Caller;
import java.time.Instant;
import java.util.List;

/** The events of a store's changes, one per change. */
final class StoreEvents {

    static final String CREATED = "store.created";
    static final String UPDATED = "store.updated";
    static final String DEACTIVATED = "store.deactivated";

    private StoreEvents() {}

    static DomainEvent created(Caller caller, Store store, Instant now) {
        return event(CREATED, caller, store, List.of(), now);
    }

    /** A replace that only deactivates the store is reported as its deactivation. */
    static DomainEvent updated(Caller caller, Store store, Changes changes, Instant now) {
        List<FieldChange> fields = changes.list();
        boolean onlyDeactivated =
                fields.size() == 1 && fields.getFirst().field().equals("is_active") && !store.isActive();
        return event(onlyDeactivated ? DEACTIVATED : UPDATED, caller, store, fields, now);
    }

    static DomainEvent deactivated(Caller caller, Store store, Instant now) {
        return event(DEACTIVATED, caller, store, List.of(FieldChange.of("is_active", true, false)), now);
    }

    private static DomainEvent event(String type, Caller caller, Store store, List<FieldChange> changes, Instant now) {
        return new DomainEvent(
                type,
                store.organizationId(),
                Actor.of(caller),
                new Target(Target.STORE, store.id(), store.name()),
                changes,
                now);
    }
}
