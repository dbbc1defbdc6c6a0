package com.staffkit.staff;

import com.staffkit.common.events.DomainEvent;
import com.staffkit.common.events.FieldChange;
import com.staffkit.role.RoleEvents;
import com.staffkit.role.RoleGrant;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * When a role is force-deleted, its holders drop it, and their sessions end like on any role change.
 * Set-based for all holders at once; each row's version is bumped like an update of the aggregate, so
 * a staff write that read the row before fails with 409 instead of putting the role back.
 */
@Component
class StaffRoleCleanup {

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    StaffRoleCleanup(JdbcClient jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    /** Each holder's change is its own event, made by whoever deleted the role. */
    @EventListener
    void onRoleDeleted(DomainEvent event) {
        if (!event.is(RoleEvents.DELETED)) {
            return;
        }
        String deleted = event.target().display();
        jdbc.sql("""
                        with holders as (
                            select sr.staff_id, array_agg(r.name order by r.name) as roles
                            from staff_roles sr join roles r on r.id = sr.role_id
                            where sr.staff_id in (select staff_id from staff_roles where role_id = :roleId)
                            group by sr.staff_id),
                        removed as (delete from staff_roles where role_id = :roleId returning staff_id)
                        update staff s set session_epoch = s.session_epoch + 1, version = s.version + 1
                        from removed join holders h on h.staff_id = removed.staff_id
                        where s.id = removed.staff_id
                        returning s.id, s.organization_id, s.email, s.username, s.first_name, s.last_name, h.roles
                        """)
                .param("roleId", event.target().id())
                .query((rs, row) -> {
                    List<String> before =
                            List.of((String[]) rs.getArray("roles").getArray());
                    List<String> after = before.stream()
                            .filter(name -> !name.equals(deleted))
                            .toList();
                    return new DomainEvent(
                            StaffEvents.ROLES_CHANGED,
                            rs.getLong("organization_id"),
                            event.actor(),
                            StaffEvents.target(rs),
                            List.of(FieldChange.of(
                                    "roles", before, after.isEmpty() ? List.of(RoleGrant.MEMBER) : after)),
                            event.occurredAt());
                })
                .list()
                .forEach(events::publishEvent);
        // A staff member has at least one role: whoever held only the deleted one becomes a member.
        jdbc.sql("""
                        insert into staff_roles (staff_id, role_id, organization_id)
                        select s.id, r.id, s.organization_id
                        from staff s join roles r on r.is_built_in and r.name = 'member'
                        where not exists (select 1 from staff_roles sr where sr.staff_id = s.id)
                          and s.organization_id = :organizationId
                        """).param("organizationId", event.organizationId()).update();
    }
}
