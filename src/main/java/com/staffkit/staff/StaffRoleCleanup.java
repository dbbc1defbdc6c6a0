package com.staffkit.staff;

import com.staffkit.role.RoleDeleted;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** When a role is force-deleted, its holders drop it, and their sessions end like on any role change. */
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
        jdbc.sql("delete from staff_roles where role_id = :roleId returning staff_id, organization_id")
                .param("roleId", event.roleId())
                .query((rs, row) -> new StaffRolesChanged(rs.getLong("staff_id"), rs.getLong("organization_id")))
                .list()
                .forEach(events::publishEvent);
    }
}
