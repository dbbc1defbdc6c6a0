package com.staffkit.staff;

import com.staffkit.common.events.Actor;
import com.staffkit.common.events.Changes;
import com.staffkit.common.events.DomainEvent;
import com.staffkit.common.events.FieldChange;
import com.staffkit.common.events.Target;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The events of a staff member's changes, one per change, and what other features read from them:
 * which changes end the account's sessions, narrow what it may do, or void its mailed links.
 */
public final class StaffEvents {

    public static final String CREATED = "staff.created";
    public static final String UPDATED = "staff.updated";
    public static final String DEACTIVATED = "staff.deactivated";
    public static final String REACTIVATED = "staff.reactivated";
    public static final String ACTIVATED = "staff.activated";
    public static final String ROLES_CHANGED = "staff.roles_changed";
    public static final String STORES_CHANGED = "staff.stores_changed";
    public static final String STORE_ASSIGNED = "staff.store_assigned";
    public static final String STORE_UNASSIGNED = "staff.store_unassigned";
    public static final String CURRENT_STORE_SET = "staff.current_store_set";
    public static final String PASSWORD_CHANGED = "staff.password_changed";
    public static final String PASSWORD_RESET = "staff.password_reset";
    public static final String LOGIN_SUCCEEDED = "auth.login_succeeded";

    private static final Set<String> STORE_FIELDS = Set.of("retail_stores", "full_store_access");

    private StaffEvents() {}

    /** Deactivation, a role change or a new password end every session of the account. */
    public static boolean endsSessions(DomainEvent event) {
        return event.targets(Target.STAFF)
                && (deactivates(event) || event.changed("roles") || event.changed("password"));
    }

    /** A new login or password voids the links mailed to the old ones. */
    public static boolean voidsMailedLinks(DomainEvent event) {
        return event.targets(Target.STAFF)
                && (event.changed("email") || event.changed("username") || event.changed("password"));
    }

    static boolean deactivates(DomainEvent event) {
        return event.changedTo("is_active", false);
    }

    /** A change through PUT or PATCH is named after what it changed when that is one thing. */
    static DomainEvent updated(Actor actor, Staff staff, Changes changes, Instant now) {
        List<FieldChange> fields = changes.list();
        Set<String> names = Set.copyOf(fields.stream().map(FieldChange::field).toList());
        String type = UPDATED;
        if (names.equals(Set.of("is_active"))) {
            type = staff.isActive() ? REACTIVATED : DEACTIVATED;
        } else if (names.equals(Set.of("roles"))) {
            type = ROLES_CHANGED;
        } else if (STORE_FIELDS.containsAll(names)) {
            type = STORES_CHANGED;
        }
        return event(type, actor, staff, fields, now);
    }

    static DomainEvent event(String type, Actor actor, Staff staff, List<FieldChange> changes, Instant now) {
        StaffProfile profile = staff.profile();
        return new DomainEvent(
                type,
                staff.organizationId(),
                actor,
                target(staff.id(), profile.email(), profile.username(), profile.firstName(), profile.lastName()),
                changes,
                now);
    }

    /** A staff row a set-based write changed: whose organization, and the event's target. */
    record Row(long organizationId, Target target) {

        DomainEvent event(String type, Actor actor, List<FieldChange> changes, Instant now) {
            return new DomainEvent(type, organizationId, actor, target, changes, now);
        }
    }

    /** The row of the columns id, organization_id, email, username, first_name and last_name. */
    static Row row(ResultSet rs) throws SQLException {
        return new Row(rs.getLong("organization_id"), target(rs));
    }

    /** The target of a row with the columns id, email, username, first_name and last_name. */
    static Target target(ResultSet row) throws SQLException {
        return target(
                row.getLong("id"),
                row.getString("email"),
                row.getString("username"),
                row.getString("first_name"),
                row.getString("last_name"));
    }

    /** A staff member is shown by their email, else their username, else their name. */
    static Target target(long id, String email, String username, String firstName, String lastName) {
        String display = email != null ? email : username != null ? username : firstName + " " + lastName;
        return new Target(Target.STAFF, id, display);
    }
}
