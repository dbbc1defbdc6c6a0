package com.staffkit.team;

import com.staffkit.common.events.Actor;
import com.staffkit.common.events.Changes;
import com.staffkit.common.events.DomainEvent;
import com.staffkit.common.events.FieldChange;
import com.staffkit.common.events.Target;
import com.staffkit.common.security.Caller;
import java.time.Instant;
import java.util.List;

/** The events of a team's changes, one per change. */
final class TeamEvents {

    static final String CREATED = "team.created";
    static final String UPDATED = "team.updated";
    static final String DELETED = "team.deleted";
    static final String MEMBER_ADDED = "team.member_added";
    static final String MEMBER_REMOVED = "team.member_removed";

    private TeamEvents() {}

    static DomainEvent created(Caller caller, Team team, Instant now) {
        return event(CREATED, caller, team, List.of(), now);
    }

    static DomainEvent updated(Caller caller, Team team, Changes changes, Instant now) {
        return event(UPDATED, caller, team, changes.list(), now);
    }

    static DomainEvent deleted(Caller caller, Team team, Instant now) {
        return event(DELETED, caller, team, List.of(), now);
    }

    static DomainEvent memberAdded(Caller caller, Team team, long staffId, Instant now) {
        return event(MEMBER_ADDED, caller, team, List.of(FieldChange.of("member", null, staffId)), now);
    }

    static DomainEvent memberRemoved(Caller caller, Team team, long staffId, Instant now) {
        return event(MEMBER_REMOVED, caller, team, List.of(FieldChange.of("member", staffId, null)), now);
    }

    private static DomainEvent event(String type, Caller caller, Team team, List<FieldChange> changes, Instant now) {
        return new DomainEvent(
                type,
                team.organizationId(),
                Actor.of(caller),
                new Target(Target.TEAM, team.id(), team.name()),
                changes,
                now);
    }
}
