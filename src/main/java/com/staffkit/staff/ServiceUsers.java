package com.staffkit.staff;

import com.staffkit.common.events.DomainEvent;
import com.staffkit.organization.OrganizationEvents;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Every organization gets its service ("bot") staff member, with the worker role, in the same transaction. */
@Component
class ServiceUsers {

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    ServiceUsers(JdbcClient jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    /** The service user is created by whoever created the organization, and has its own event. */
    @EventListener
    void onOrganizationCreated(DomainEvent event) {
        if (!event.is(OrganizationEvents.CREATED)) {
            return;
        }
        jdbc.sql("""
                        with bot as (
                            insert into staff (organization_id, username, first_name, last_name, is_service_user, has_activated)
                            values (:organizationId, :username, 'Service', 'User', true, true)
                            returning id, organization_id, email, username, first_name, last_name),
                        role as (
                            insert into staff_roles (staff_id, role_id, organization_id)
                            select bot.id, r.id, bot.organization_id from bot, roles r where r.is_built_in and r.name = 'worker')
                        select * from bot
                        """)
                .param("organizationId", event.organizationId())
                .param("username", freeUsername("service-" + OrganizationEvents.slugOf(event)))
                .query((rs, row) -> new DomainEvent(
                        StaffEvents.CREATED,
                        rs.getLong("organization_id"),
                        event.actor(),
                        StaffEvents.target(rs),
                        List.of(),
                        event.occurredAt()))
                .list()
                .forEach(events::publishEvent);
    }

    /**
     * Usernames are unique across the service, and "service-{slug}" may already be taken: by the bot of
     * an organization whose slug was since changed, or by a staff member. Never let that fail the create.
     */
    private String freeUsername(String base) {
        String username = base;
        for (int n = 2; taken(username); n++) {
            username = base + "-" + n;
        }
        return username;
    }

    private boolean taken(String username) {
        return jdbc.sql("select exists (select 1 from login_identifiers where identifier = lower(:username))")
                .param("username", username)
                .query(Boolean.class)
                .single();
    }
}
