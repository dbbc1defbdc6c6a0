package com.staffkit.staff;

import com.staffkit.common.events.Actor;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The staff side of logging in: find an account by a login identifier, record a login. */
@Service
public class StaffLogins {

    private final AccountQueries queries;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    StaffLogins(AccountQueries queries, ApplicationEventPublisher events, Clock clock) {
        this.queries = queries;
        this.events = events;
        this.clock = clock;
    }

    /** By username or email, case-insensitively. */
    @Transactional(readOnly = true)
    public Optional<LoginAccount> findByIdentifier(String identifier) {
        return queries.findLoginByIdentifier(identifier);
    }

    /** The same, by staff id (after activation, for example). */
    @Transactional(readOnly = true)
    public Optional<LoginAccount> findById(long staffId) {
        return queries.findLoginById(staffId);
    }

    /** Outside the version on purpose: a login never makes a concurrent change of the profile fail. */
    @Transactional
    public void recordLogin(long staffId) {
        Instant now = clock.instant();
        queries.recordLogin(staffId, now)
                .ifPresent(row -> events.publishEvent(
                        row.event(StaffEvents.LOGIN_SUCCEEDED, Actor.staff(staffId), List.of(), now)));
    }
}
