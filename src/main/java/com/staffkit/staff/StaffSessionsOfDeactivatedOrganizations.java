package com.staffkit.staff;

import com.staffkit.common.events.DomainEvent;
import com.staffkit.organization.OrganizationEvents;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Deactivating an organization ends the sessions of its staff and of its descendants' staff, like a
 * staff deactivation: their session epochs move in the deactivating transaction, so no token issued
 * before, nor one a login racing with the change is still issuing, works again once the
 * organization is reactivated. The version moves too, so a concurrent edit of one of those staff
 * members cannot write the old epoch back (it gets 409 and retries).
 */
@Component
class StaffSessionsOfDeactivatedOrganizations {

    private final JdbcClient jdbc;

    StaffSessionsOfDeactivatedOrganizations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener
    void onOrganizationDeactivated(DomainEvent event) {
        if (!OrganizationEvents.deactivates(event)) {
            return;
        }
        jdbc.sql("""
                        update staff s set session_epoch = s.session_epoch + 1, version = s.version + 1
                        from organizations d
                        join organizations o on d.path like o.path || '%'
                        where o.id = :organizationId
                          and s.organization_id = d.id
                        """).param("organizationId", event.organizationId()).update();
    }
}
