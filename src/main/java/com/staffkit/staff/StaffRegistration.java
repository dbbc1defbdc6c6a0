package com.staffkit.staff;

import com.staffkit.common.error.InvalidRequestException;
import com.staffkit.common.events.Actor;
import com.staffkit.common.events.EventBatch;
import com.staffkit.common.security.Caller;
import com.staffkit.common.web.RequestOrigin;
import com.staffkit.organization.OrganizationDirectory;
import com.staffkit.role.Permissions;
import com.staffkit.role.RoleCatalog;
import com.staffkit.role.RoleGrant;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Registering a staff member (POST): the roles and stores the caller may give, the first password,
 * and the activation email of a pending account.
 */
@Service
class StaffRegistration {

    private final StaffWrites writes;
    private final StaffReader reader;
    private final RegistrationLookups lookups;
    private final RegistrationLookups cachedLookups;
    private final PasswordEncoder passwordEncoder;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    StaffRegistration(
            StaffWrites writes,
            StaffReader reader,
            RoleCatalog roleCatalog,
            OrganizationDirectory organizations,
            StaffStores stores,
            RegistrationLookupCache lookupCache,
            PasswordEncoder passwordEncoder,
            ApplicationEventPublisher events,
            Clock clock) {
        this.writes = writes;
        this.reader = reader;
        this.lookups = RegistrationLookups.direct(organizations, roleCatalog, stores);
        this.cachedLookups = lookups.cachedIn(lookupCache);
        this.passwordEncoder = passwordEncoder;
        this.events = events;
        this.clock = clock;
    }

    /** A staff member checked against every rule of a registration, not yet written. */
    record NewStaff(
            Staff staff, List<RoleGrant> roles, @Nullable String generatedPassword) {}

    @Transactional
    StaffResponse create(Caller caller, CreateStaffRequest request) {
        return create(caller, request, DirectoryProfile.NONE);
    }

    /** A registration that also carries the identity provider's part of the profile (SCIM). */
    @Transactional
    StaffResponse create(Caller caller, CreateStaffRequest request, DirectoryProfile directory) {
        NewStaff created = prepare(caller, request, directory, lookups);
        Staff saved = writes.save(created.staff());
        announce(caller, created);
        StaffResponse response = reader.get(caller, saved.id());
        return created.generatedPassword() == null
                ? response
                : response.withGeneratedPassword(created.generatedPassword());
    }

    /**
     * Every rule of a single request's registration, with its organization and roles looked up in
     * memory ({@link RegistrationLookupCache}), but not its first password ({@link
     * #withFirstPassword}): what the rules read, the hash need not wait for.
     */
    NewStaff check(Caller caller, CreateStaffRequest request) {
        return check(caller, request, DirectoryProfile.NONE, cachedLookups);
    }

    /** A prepared registration, with who asked for it and the request it came with. */
    record Registration(Caller caller, NewStaff created, RequestOrigin origin) {}

    /**
     * Writes prepared registrations in the current transaction: the staff members in one flush, then
     * each one's events as its own request would have published them (its caller, its request id).
     * Their login identifiers and remote_ids are checked beforehand ({@link StaffUniqueness}).
     */
    void writeAll(List<Registration> registrations) {
        writes.saveAll(registrations.stream()
                .map(registration -> registration.created().staff())
                .toList());
        EventBatch.run(() -> {
            registrations.forEach(registration -> RequestOrigin.callAs(registration.origin(), () -> {
                announce(registration.caller(), registration.created());
                return null;
            }));
            return null;
        });
    }

    /** Lookups that remember their answers across the registrations of one bulk request or import batch. */
    RegistrationLookups rememberingLookups() {
        return lookups.remembering();
    }

    /**
     * Applies every rule of a registration and builds the staff member, writing nothing: the roles
     * and stores the caller may give, who may create an inactive account, the password policy, the
     * first password's hash.
     */
    NewStaff prepare(
            Caller caller, CreateStaffRequest request, DirectoryProfile directory, RegistrationLookups lookups) {
        return withFirstPassword(check(caller, request, directory, lookups), request);
    }

    private NewStaff check(
            Caller caller, CreateStaffRequest request, DirectoryProfile directory, RegistrationLookups lookups) {
        long organizationId = request.organization() == null ? caller.organizationId() : request.organization();
        if (!caller.canSee(organizationId) || !lookups.organizationActive(organizationId)) {
            throw InvalidRequestException.forField("organization", "unknown organization " + organizationId);
        }
        if (request.password() != null && Boolean.TRUE.equals(request.generatePassword())) {
            throw InvalidRequestException.forField("password", "give either password or generate_password, not both");
        }
        List<RoleGrant> roles = lookups.roles(organizationId, RequestedRoles.orDefault(request.roles()));
        if (!RequestedRoles.areDefault(roles)) {
            StaffChangeRules.requireRoleAssignment(caller);
        }
        StaffChangeRules.requireGrantable(caller, roles);
        if (Boolean.FALSE.equals(request.isActive())) {
            StaffChangeRules.require(
                    caller, Permissions.STAFF_DEACTIVATE, "Creating an inactive account needs staff:deactivate.");
        }
        StaffProfile profile = StaffProfile.of(request, roles);
        if (request.password() != null) {
            PasswordPolicy.check("password", request.password(), profile.email(), profile.username());
        }
        if (profile.allStoresGranted()) {
            StaffChangeRules.requireAllStoresToGrantAllStores(
                    caller, "Only a caller with full store access can grant full store access.");
        }
        Set<Long> storeIds = StaffChangeRules.checkedStores(
                caller, organizationId, Set.of(), request.retailStores(), lookups::stores);
        StaffChangeRules.requireOneOfCallersStores(caller, storeIds);

        Instant now = clock.instant();
        Staff staff = Staff.create(organizationId, profile, RequestedRoles.ids(roles), now);
        staff.replaceStores(storeIds, profile.allStoresGranted(), now);
        staff.applyDirectory(directory, now);
        return new NewStaff(staff, roles, null);
    }

    /** The checked registration with the hash of its first password, given or generated (if any). */
    NewStaff withFirstPassword(NewStaff checked, CreateStaffRequest request) {
        Staff staff = checked.staff();
        if (Boolean.TRUE.equals(request.generatePassword())) {
            String generatedPassword = GeneratedPasswords.next();
            staff.setInitialPassword(passwordEncoder.encode(generatedPassword));
            return new NewStaff(staff, checked.roles(), generatedPassword);
        }
        if (request.password() != null) {
            staff.setInitialPassword(passwordEncoder.encode(request.password()));
        }
        return checked;
    }

    /** The events of a written registration: its creation, and the activation email of a pending account. */
    void announce(Caller caller, NewStaff created) {
        Staff saved = created.staff();
        events.publishEvent(
                StaffEvents.event(StaffEvents.CREATED, Actor.of(caller), saved, List.of(), saved.createdAt()));
        if (!saved.isActivated() && saved.email() != null && RoleGrant.anyAllowsLogin(created.roles())) {
            events.publishEvent(new ActivationRequested(new AccountSummary(
                    saved.id(),
                    saved.organizationId(),
                    saved.profile().firstName(),
                    saved.email(),
                    saved.isActive(),
                    false)));
        }
    }
}
