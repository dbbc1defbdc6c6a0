package com.staffkit.staff;

import com.staffkit.common.error.InvalidRequestException;
import com.staffkit.common.events.Actor;
import com.staffkit.common.security.Caller;
import com.staffkit.organization.OrganizationDirectory;
import com.staffkit.role.Permissions;
import com.staffkit.role.RoleCatalog;
import com.staffkit.role.RoleGrant;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
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
    private final StaffChangeRules rules;
    private final RoleCatalog roleCatalog;
    private final OrganizationDirectory organizations;
    private final PasswordEncoder passwordEncoder;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    StaffRegistration(
            StaffWrites writes,
            StaffReader reader,
            StaffChangeRules rules,
            RoleCatalog roleCatalog,
            OrganizationDirectory organizations,
            PasswordEncoder passwordEncoder,
            ApplicationEventPublisher events,
            Clock clock) {
        this.writes = writes;
        this.reader = reader;
        this.rules = rules;
        this.roleCatalog = roleCatalog;
        this.organizations = organizations;
        this.passwordEncoder = passwordEncoder;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    StaffResponse create(Caller caller, CreateStaffRequest request) {
        return create(caller, request, DirectoryProfile.NONE);
    }

    /** A registration that also carries the identity provider's part of the profile (SCIM). */
    @Transactional
    StaffResponse create(Caller caller, CreateStaffRequest request, DirectoryProfile directory) {
        long organizationId = request.organization() == null ? caller.organizationId() : request.organization();
        if (!caller.canSee(organizationId) || !organizations.isActive(organizationId)) {
            throw InvalidRequestException.forField("organization", "unknown organization " + organizationId);
        }
        if (request.password() != null && Boolean.TRUE.equals(request.generatePassword())) {
            throw InvalidRequestException.forField("password", "give either password or generate_password, not both");
        }
        List<String> requestedRoles = RequestedRoles.orDefault(request.roles());
        List<RoleGrant> roles = roleCatalog.resolve(organizationId, requestedRoles);
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
        Set<Long> storeIds = rules.checkedStores(caller, organizationId, Set.of(), request.retailStores());
        StaffChangeRules.requireOneOfCallersStores(caller, storeIds);

        Instant now = clock.instant();
        Staff staff = Staff.create(organizationId, profile, RequestedRoles.ids(roles), now);
        staff.replaceStores(storeIds, profile.allStoresGranted(), now);
        staff.applyDirectory(directory, now);
        String generatedPassword = null;
        if (Boolean.TRUE.equals(request.generatePassword())) {
            generatedPassword = GeneratedPasswords.next();
            staff.setInitialPassword(passwordEncoder.encode(generatedPassword));
        } else if (request.password() != null) {
            staff.setInitialPassword(passwordEncoder.encode(request.password()));
        }
        Staff saved = writes.save(staff);
        events.publishEvent(StaffEvents.event(StaffEvents.CREATED, Actor.of(caller), saved, List.of(), now));
        if (!saved.isActivated() && saved.email() != null && RoleGrant.anyAllowsLogin(roles)) {
            events.publishEvent(new ActivationRequested(new AccountSummary(
                    saved.id(), saved.organizationId(), profile.firstName(), saved.email(), saved.isActive(), false)));
        }
        StaffResponse response = reader.get(caller, saved.id());
        return generatedPassword == null ? response : response.withGeneratedPassword(generatedPassword);
    }
}
