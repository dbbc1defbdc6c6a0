package com.staffkit.staff;

import com.staffkit.common.error.FieldViolation;
import com.staffkit.common.error.InvalidRequestException;
import com.staffkit.common.error.PreconditionFailedException;
import com.staffkit.common.events.Actor;
import com.staffkit.common.events.Changes;
import com.staffkit.common.paging.PageRequest;
import com.staffkit.common.persistence.Criterion;
import com.staffkit.common.security.Caller;
import com.staffkit.common.web.IfMatch;
import com.staffkit.role.Permissions;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Staff as an identity provider provisions them (SCIM): the same registration and change rules as
 * the REST API (tenancy, grants, uniqueness, events with the caller as actor), within the caller's
 * own organization only, with the identity provider's part of the profile ({@link DirectoryProfile})
 * and a delete that deactivates and hides ({@link Staff#deprovision}).
 */
@Service
public class StaffProvisioning {

    /** The REST API's names of the fields a violation names: what its field errors say. */
    private static final Map<String, String> JSON_NAMES = Map.of(
            "firstName", "first_name",
            "lastName", "last_name",
            "jobTitle", "job_title",
            "mobilePhone", "mobile_phone",
            "timeZone", "time_zone",
            "remoteId", "remote_id");

    private final StaffRegistration registration;

    private final StaffProfileChanges changes;
    private final StaffChangeRules rules;
    private final StaffWrites writes;
    private final ProvisionedStaffQueries queries;
    private final Validator validator;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    StaffProvisioning(
            StaffRegistration registration,
            StaffProfileChanges changes,
            StaffChangeRules rules,
            StaffWrites writes,
            ProvisionedStaffQueries queries,
            Validator validator,
            ApplicationEventPublisher events,
            Clock clock) {
        this.registration = registration;
        this.changes = changes;
        this.rules = rules;
        this.writes = writes;
        this.queries = queries;
        this.validator = validator;
        this.events = events;
        this.clock = clock;
    }

    /** A page of matching staff and how many match in all. */
    public record Page(List<ProvisionedStaff> staff, long total) {}

    @Transactional(readOnly = true)
    public Optional<ProvisionedStaff> find(Caller caller, long id) {
        StaffChangeRules.require(caller, Permissions.STAFF_READ, "Reading staff needs staff:read.");
        return queries.find(Visibility.of(caller), caller.organizationId(), id);
    }

    /**
     * The matches from {@code offset} (0-based), at most {@code limit}, and how many match in all; a
     * limit of 0 counts only. The page is read first and the matches counted only when the page
     * cannot tell: an identity provider's lookup by userName or externalId is one statement, and
     * only a full page (or an empty one past the end) pays for counting the organization's rows.
     */
    @Transactional(readOnly = true)
    public Page search(Caller caller, Criterion filter, int offset, int limit) {
        StaffChangeRules.require(caller, Permissions.STAFF_READ, "Reading staff needs staff:read.");
        Visibility visibility = Visibility.of(caller);
        if (limit == 0) {
            return new Page(List.of(), queries.count(visibility, caller.organizationId(), filter));
        }
        List<ProvisionedStaff> page = queries.search(visibility, caller.organizationId(), filter, offset, limit);
        long total = PageRequest.totalOf(
                offset, limit, page.size(), () -> queries.count(visibility, caller.organizationId(), filter));
        return new Page(page, total);
    }

    /** Registers a staff member of the caller's organization with one role; pending (and mailed) without a password. */
    @Transactional
    public ProvisionedStaff create(Caller caller, ProvisionedProfile profile, String role) {
        StaffChangeRules.require(caller, Permissions.STAFF_WRITE, "Creating staff needs staff:write.");
        CreateStaffRequest request = new CreateStaffRequest(
                caller.organizationId(),
                profile.username(),
                profile.email(),
                profile.firstName(),
                profile.lastName(),
                profile.jobTitle(),
                profile.phone(),
                profile.mobilePhone(),
                profile.timeZone(),
                null,
                profile.remoteId(),
                null,
                null,
                List.of(role),
                profile.active(),
                null,
                null,
                profile.password(),
                null);
        validate(request);
        StaffResponse created =
                registration.create(caller, request, profile.directory().normalized());
        return provisioned(caller, created.id());
    }

    /** The new whole profile of a staff member, from its current state. */
    @FunctionalInterface
    public interface Changer {
        ProvisionedProfile apply(ProvisionedStaff current);
    }

    /**
     * Changes a staff member from what it is now: {@code change} gets the current state and returns
     * the whole new profile. The row is read first in this transaction, so a change committed in
     * between fails the version check (409) instead of being overwritten; {@code ifMatch}, when
     * given, must be the current version (else 412).
     */
    @Transactional
    public ProvisionedStaff change(Caller caller, long id, @Nullable Long ifMatch, Changer change) {
        StaffChangeRules.require(caller, Permissions.STAFF_WRITE, "Changing staff needs staff:write.");
        Staff staff = loadProvisioned(caller, id, ifMatch);
        ProvisionedProfile profile = change.apply(provisioned(caller, staff.id()));
        changes.change(caller, id, IfMatch.ABSENT, current -> {
            UpdateStaffRequest request = new UpdateStaffRequest(
                    profile.username(),
                    profile.email(),
                    profile.firstName(),
                    profile.lastName(),
                    profile.jobTitle(),
                    profile.phone(),
                    profile.mobilePhone(),
                    profile.timeZone(),
                    current.avatarUrl(),
                    profile.remoteId(),
                    current.attributes(),
                    current.tags(),
                    current.roles(),
                    profile.active() == null ? current.isActive() : profile.active(),
                    current.retailStores(),
                    current.fullStoreAccess());
            validate(request);
            return new DirectoryInput(request, profile.directory().normalized());
        });
        return provisioned(caller, id);
    }

    /** SCIM's DELETE: deactivates the staff member and hides it from provisioning; nothing is erased. */
    @Transactional
    public void deprovision(Caller caller, long id, @Nullable Long ifMatch) {
        StaffChangeRules.require(caller, Permissions.STAFF_DEACTIVATE, "Deleting staff needs staff:deactivate.");
        Staff staff = loadProvisioned(caller, id, ifMatch);
        StaffChangeRules.requireNotSelf(caller, staff);
        boolean wasActive = staff.isActive();
        Instant now = clock.instant();
        staff.deprovision(now);
        writes.save(staff);
        Changes changed = Changes.between().field("is_active", wasActive, false).field("deprovisioned", false, true);
        events.publishEvent(StaffEvents.event(StaffEvents.DEACTIVATED, Actor.of(caller), staff, changed.list(), now));
    }

    private Staff loadProvisioned(Caller caller, long id, @Nullable Long ifMatch) {
        Staff staff = rules.loadForChange(caller, id);
        if (staff.organizationId() != caller.organizationId() || staff.isDeprovisioned()) {
            throw StaffNotFoundException.forId(id);
        }
        if (ifMatch != null && ifMatch != staff.version()) {
            throw new PreconditionFailedException(
                    "The staff member was changed since version " + ifMatch + "; read it again.");
        }
        return staff;
    }

    private ProvisionedStaff provisioned(Caller caller, long id) {
        return queries.find(Visibility.of(caller), caller.organizationId(), id)
                .orElseThrow(() -> StaffNotFoundException.forId(id));
    }

    private void validate(Object request) {
        Set<ConstraintViolation<Object>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            throw InvalidRequestException.of(violations.stream()
                    .map(violation -> new FieldViolation(
                            JSON_NAMES.getOrDefault(
                                    violation.getPropertyPath().toString(),
                                    violation.getPropertyPath().toString()),
                            violation.getMessage()))
                    .sorted(Comparator.comparing(FieldViolation::field))
                    .toList());
        }
    }
}
