package com.staffkit.staff;

import com.staffkit.common.events.Actor;
import com.staffkit.common.events.DomainEvent;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The staff side of logging in: find an account by a login identifier, record a login. */
@Service
public class StaffLogins {

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    StaffLogins(JdbcClient jdbc, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
    }

    /** By username or email, case-insensitively. */
    @Transactional(readOnly = true)
    public Optional<LoginAccount> findByIdentifier(String identifier) {
        return jdbc.sql("""
                        select s.id, s.organization_id, s.password_hash, s.session_epoch,
                               s.is_active and organization_active(o.path) and s.has_activated and not s.is_service_user
                               and exists (select 1 from staff_roles sr join roles r on r.id = sr.role_id
                                           where sr.staff_id = s.id and not (r.is_built_in and r.name = 'worker'))
                               as can_log_in
                        from login_identifiers li
                        join staff s on s.id = li.staff_id
                        join organizations o on o.id = s.organization_id
                        where li.identifier = lower(:identifier)
                        """)
                .param("identifier", identifier)
                .query((rs, row) -> new LoginAccount(
                        rs.getLong("id"),
                        rs.getLong("organization_id"),
                        rs.getString("password_hash"),
                        rs.getBoolean("can_log_in"),
                        rs.getInt("session_epoch")))
                .optional();
    }

    /** The same, by staff id (after activation, for example). */
    @Transactional(readOnly = true)
    public Optional<LoginAccount> findById(long staffId) {
        return jdbc.sql("""
                        select s.id, s.organization_id, s.password_hash, s.session_epoch,
                               s.is_active and organization_active(o.path) and s.has_activated and not s.is_service_user
                               and exists (select 1 from staff_roles sr join roles r on r.id = sr.role_id
                                           where sr.staff_id = s.id and not (r.is_built_in and r.name = 'worker'))
                               as can_log_in
                        from staff s
                        join organizations o on o.id = s.organization_id
                        where s.id = :id
                        """)
                .param("id", staffId)
                .query((rs, row) -> new LoginAccount(
                        rs.getLong("id"),
                        rs.getLong("organization_id"),
                        rs.getString("password_hash"),
                        rs.getBoolean("can_log_in"),
                        rs.getInt("session_epoch")))
                .optional();
    }

    /** Outside the version on purpose: a login never makes a concurrent change of the profile fail. */
    @Transactional
    public void recordLogin(long staffId) {
        Instant now = clock.instant();
        jdbc.sql("""
                        update staff set last_login = :now where id = :id
                        returning id, organization_id, email, username, first_name, last_name
                        """)
                .param("now", Timestamp.from(now))
                .param("id", staffId)
                .query((rs, row) -> new DomainEvent(
                        StaffEvents.LOGIN_SUCCEEDED,
                        rs.getLong("organization_id"),
                        Actor.staff(staffId),
                        StaffEvents.target(rs),
                        List.of(),
                        now))
                .optional()
                .ifPresent(events::publishEvent);
    }
}
