package com.staffkit.role;

import com.staffkit.common.events.Actor;
import com.staffkit.common.events.Changes;
import com.staffkit.common.events.DomainEvent;
import com.staffkit.common.events.FieldChange;
import com.staffkit.common.events.Target;
import com.staffkit.common.security.Caller;
import java.time.Instant;
import java.util.List;

/**
 * The events of a custom role's changes, one per change. Holders of a deleted role drop it when
 * {@link #DELETED} is published, before the role's row goes.
 */
public final class RoleEvents {

    public static final String CREATED = "role.created";
    public static final String UPDATED = "role.updated";
    public static final String DELETED = "role.deleted";

    private RoleEvents() {}

    static DomainEvent created(Caller caller, Role role, Instant now) {
        return event(CREATED, caller, role, List.of(), now);
    }

    static DomainEvent updated(Caller caller, Role role, Changes changes, Instant now) {
        return event(UPDATED, caller, role, changes.list(), now);
    }

    static DomainEvent deleted(Caller caller, Role role, Instant now) {
        return event(DELETED, caller, role, List.of(), now);
    }

    private static DomainEvent event(String type, Caller caller, Role role, List<FieldChange> changes, Instant now) {
        return new DomainEvent(
                type,
                role.organizationId(),
                Actor.of(caller),
                new Target(Target.ROLE, role.id(), role.name()),
                changes,
                now);
    }
}
