package com.staffkit.organization;

import com.staffkit.common.events.Actor;
import com.staffkit.common.events.Changes;
import com.staffkit.common.events.DomainEvent;
import com.staffkit.common.events.FieldChange;
import com.staffkit.common.events.Target;
import com.staffkit.common.security.Caller;
import java.time.Instant;
import java.util.List;

/**
 * The events of an organization's changes, one per change. A deactivation ends the sessions of its
 * staff and of its descendants' staff; their logins and keys stop while it stays inactive.
 */
public final class OrganizationEvents {

    public static final String CREATED = "organization.created";
    public static final String UPDATED = "organization.updated";
    public static final String DEACTIVATED = "organization.deactivated";
    public static final String REACTIVATED = "organization.reactivated";

    private OrganizationEvents() {}

    /** True when the event made the organization inactive (on its own or with other changes). */
    public static boolean deactivates(DomainEvent event) {
        return event.targets(Target.ORGANIZATION) && event.changedTo("is_active", false);
    }

    /** The slug of a created organization, which its first service user is named after. */
    public static String slugOf(DomainEvent created) {
        return created.changes().stream()
                .filter(change -> change.field().equals("slug"))
                .map(change -> String.valueOf(change.to()))
                .findFirst()
                .orElseThrow();
    }

    static DomainEvent created(Caller caller, Organization organization, Instant now) {
        return event(CREATED, caller, organization, List.of(FieldChange.of("slug", null, organization.slug())), now);
    }

    /** An update that only flips is_active is reported as a deactivation or a reactivation. */
    static DomainEvent updated(Caller caller, Organization organization, Changes changes, Instant now) {
        List<FieldChange> fields = changes.list();
        String type = UPDATED;
        if (fields.size() == 1 && fields.getFirst().field().equals("is_active")) {
            type = organization.isActive() ? REACTIVATED : DEACTIVATED;
        }
        return event(type, caller, organization, fields, now);
    }

    private static DomainEvent event(
            String type, Caller caller, Organization organization, List<FieldChange> changes, Instant now) {
        return new DomainEvent(
                type,
                organization.id(),
                Actor.of(caller),
                new Target(Target.ORGANIZATION, organization.id(), organization.name()),
                changes,
                now);
    }
}
