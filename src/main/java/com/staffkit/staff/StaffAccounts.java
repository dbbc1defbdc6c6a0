package com.staffkit.staff;

import com.staffkit.common.error.ConflictException;
import com.staffkit.common.error.InvalidRequestException;
import com.staffkit.common.events.Actor;
import com.staffkit.common.events.FieldChange;
import com.staffkit.common.security.Caller;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The staff side of activation, password reset and password change: find the account, set its password. */
@Service
public class StaffAccounts {

    private final StaffRepository repository;
    private final StaffReader reader;
    private final AccountQueries queries;
    private final PasswordEncoder passwordEncoder;
    private final PasswordAttemptGuard passwordAttempts;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    StaffAccounts(
            StaffRepository repository,
            StaffReader reader,
            AccountQueries queries,
            PasswordEncoder passwordEncoder,
            PasswordAttemptGuard passwordAttempts,
            ApplicationEventPublisher events,
            Clock clock) {
        this.repository = repository;
        this.reader = reader;
        this.queries = queries;
        this.passwordEncoder = passwordEncoder;
        this.passwordAttempts = passwordAttempts;
        this.events = events;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Optional<AccountSummary> find(long staffId) {
        return queries.findSummary(staffId);
    }

    /** An account a password reset may go to: by email, active, activated, in an active organization. */
    @Transactional(readOnly = true)
    public Optional<AccountSummary> findResettable(String email) {
        return queries.findIdByEmail(email.trim())
                .flatMap(this::find)
                .filter(account -> account.active() && account.activated());
    }

    /** A pending account the caller may (re-)send an activation email for; 409 once it is activated. */
    @Transactional(readOnly = true)
    public AccountSummary pendingForResend(Caller caller, long staffId) {
        reader.get(caller, staffId);
        AccountSummary account = find(staffId).orElseThrow(() -> StaffNotFoundException.forId(staffId));
        if (account.activated()) {
            throw new ConflictException("This account is already activated.");
        }
        if (account.email() == null) {
            throw new ConflictException("This staff member has no email to send the activation to.");
        }
        if (!account.active()) {
            throw new ConflictException("This account is deactivated; reactivate it first.");
        }
        return account;
    }

    /** Sets the first password of a pending account and activates it. */
    @Transactional
    public void activate(long staffId, String password) {
        Staff staff = repository.findById(staffId).orElseThrow(() -> StaffNotFoundException.forId(staffId));
        if (staff.isActivated()) {
            throw new ConflictException("This account is already activated.");
        }
        PasswordPolicy.check("password", password, staff.email(), staff.username());
        staff.setInitialPassword(passwordEncoder.encode(password));
        Instant now = clock.instant();
        staff.touch(now);
        repository.saveAndFlush(staff);
        // Whoever holds the mailed link acts as the account it was sent to.
        events.publishEvent(StaffEvents.event(
                StaffEvents.ACTIVATED,
                Actor.staff(staffId),
                staff,
                List.of(FieldChange.of("has_activated", false, true), FieldChange.secret("password")),
                now));
    }

    /** Sets a new password from a reset; every existing session of the account ends. */
    @Transactional
    public void resetPassword(long staffId, String password) {
        Staff staff = repository.findById(staffId).orElseThrow(() -> StaffNotFoundException.forId(staffId));
        PasswordPolicy.check("password", password, staff.email(), staff.username());
        Instant now = clock.instant();
        staff.changePassword(passwordEncoder.encode(password), now);
        repository.saveAndFlush(staff);
        events.publishEvent(StaffEvents.event(
                StaffEvents.PASSWORD_RESET, Actor.staff(staffId), staff, List.of(FieldChange.secret("password")), now));
    }

    /** Changes the caller's own password; every session of the account ends, this one included. */
    @Transactional
    public void changeOwnPassword(Caller caller, String currentPassword, String newPassword) {
        long staffId = caller.requireStaff("Only a staff member has a password; an API key does not.");
        Staff staff = repository.findById(staffId).orElseThrow(() -> StaffNotFoundException.forId(staffId));
        String guessKey = "password-change:" + staff.id();
        passwordAttempts.attempt(guessKey);
        if (staff.passwordHash() == null || !passwordEncoder.matches(currentPassword, staff.passwordHash())) {
            throw InvalidRequestException.forField("current_password", "is incorrect");
        }
        passwordAttempts.succeeded(guessKey);
        PasswordPolicy.check("new_password", newPassword, staff.email(), staff.username());
        Instant now = clock.instant();
        staff.changePassword(passwordEncoder.encode(newPassword), now);
        repository.saveAndFlush(staff);
        events.publishEvent(StaffEvents.event(
                StaffEvents.PASSWORD_CHANGED, Actor.of(caller), staff, List.of(FieldChange.secret("password")), now));
    }
}
