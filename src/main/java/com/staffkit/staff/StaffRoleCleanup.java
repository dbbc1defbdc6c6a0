package com.staffkit.staff;

import com.staffkit.role.RoleDeleted;
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

    @EventListener
    void onRoleDeleted(RoleDeleted event) {
        jdbc.sql("""
                        with removed as (delete from staff_roles where role_id = :roleId returning staff_id)
                        update staff s set session_epoch = s.session_epoch + 1, version = s.version + 1
                        from removed where s.id = removed.staff_id
                        returning s.id, s.organization_id
                        """)
                .param("roleId", event.roleId())
                .query((rs, row) -> new StaffRolesChanged(rs.getLong("id"), rs.getLong("organization_id")))
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
