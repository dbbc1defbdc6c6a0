package com.staffkit.staff;

import com.staffkit.common.error.ConflictException;
import com.staffkit.common.error.DataIntegrityViolations;
import com.staffkit.common.error.InvalidRequestException;
import com.staffkit.common.events.Actor;
import com.staffkit.common.events.Changes;
import com.staffkit.common.events.FieldChange;
import com.staffkit.common.security.Caller;
import com.staffkit.organization.OrganizationDirectory;
import com.staffkit.role.Permissions;
import com.staffkit.role.RoleCatalog;
import com.staffkit.role.RoleGrant;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creating, replacing (PUT, PATCH) and deactivating staff, under the rules of {@link StaffChangeRules}.
 */
@Service
public class StaffService {

    private static final List<String> DEFAULT_ROLES = List.of(RoleGrant.MEMBER);
    private static final Map<String, String> UNIQUE_FIELDS = Map.of(
            "uk_login_identifiers_email", "email",
            "uk_login_identifiers_username", "username",
            "uk_staff_organization_remote_id", "remote_id");

    private final StaffRepository repository;
    private final StaffReader reader;
    private final StaffMapper mapper;
    private final StaffChangeRules rules;
    private final RoleCatalog roleCatalog;
    private final OrganizationDirectory organizations;
    private final PasswordEncoder passwordEncoder;
    private final StaffStores stores;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    StaffService(
            StaffRepository repository,
            StaffReader reader,
            StaffMapper mapper,
            StaffChangeRules rules,
            RoleCatalog roleCatalog,
            OrganizationDirectory organizations,
            PasswordEncoder passwordEncoder,
            StaffStores stores,
            ApplicationEventPublisher events,
            Clock clock) {
        this.repository = repository;
        this.reader = reader;
        this.mapper = mapper;
        this.rules = rules;
        this.roleCatalog = roleCatalog;
        this.organizations = organizations;
        this.passwordEncoder = passwordEncoder;
        this.stores = stores;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    StaffResponse create(Caller caller, CreateStaffRequest request) {
        long organizationId = request.organization() == null ? caller.organizationId() : request.organization();
        if (!caller.canSee(organizationId) || !organizations.isActive(organizationId)) {
            throw InvalidRequestException.forField("organization", "unknown organization " + organizationId);
        }
        if (request.password() != null && Boolean.TRUE.equals(request.generatePassword())) {
            throw InvalidRequestException.forField("password", "give either password or generate_password, not both");
        }
        List<String> requestedRoles = request.roles() == null ? DEFAULT_ROLES : request.roles();
        List<RoleGrant> roles = resolveRoles(organizationId, requestedRoles);
        if (!sameNames(roles, DEFAULT_ROLES)) {
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
        Staff staff = Staff.create(organizationId, profile, roleIds(roles), now);
        staff.replaceStores(storeIds, profile.allStoresGranted(), now);
        String generatedPassword = null;
        if (Boolean.TRUE.equals(request.generatePassword())) {
            generatedPassword = GeneratedPasswords.next();
            staff.setInitialPassword(passwordEncoder.encode(generatedPassword));
        } else if (request.password() != null) {
            staff.setInitialPassword(passwordEncoder.encode(request.password()));
        }
        Staff saved = save(staff);
        events.publishEvent(StaffEvents.event(StaffEvents.CREATED, Actor.of(caller), saved, List.of(), now));
        if (!saved.isActivated() && saved.email() != null && RoleGrant.anyAllowsLogin(roles)) {
            events.publishEvent(new ActivationRequested(saved.id(), saved.organizationId()));
        }
        StaffResponse response = reader.get(caller, saved.id());
        return generatedPassword == null ? response : response.withGeneratedPassword(generatedPassword);
    }

    @Transactional
    StaffResponse replace(Caller caller, long id, UpdateStaffRequest request) {
        return replace(caller, rules.loadForChange(caller, id), request);
    }

    /**
     * A PATCH: the change is merged onto the current state in the transaction that writes it, and the
     * row is read first, so a change committed after that read fails the version check (409) instead
     * of being put back from the merged state.
     */
    @Transactional
    StaffResponse patch(Caller caller, long id, UnaryOperator<UpdateStaffRequest> change) {
        repository.findVisibleTo(caller, id);
        UpdateStaffRequest request = change.apply(mapper.toUpdateRequest(reader.get(caller, id)));
        return replace(caller, rules.loadForChange(caller, id), request);
    }

    private StaffResponse replace(Caller caller, Staff staff, UpdateStaffRequest request) {
        long id = staff.id();
        List<String> requestedRoles = request.roles() == null ? DEFAULT_ROLES : request.roles();
        List<RoleGrant> roles = resolveRoles(staff.organizationId(), requestedRoles);
        Set<Long> newRoleIds = roleIds(roles);
        StaffProfile profile = StaffProfile.of(request, roles);
        StaffChangeRules.requireKeyLeavesItsCreatorAlone(caller, staff, profile, newRoleIds);
        if (!newRoleIds.equals(staff.roleIds())) {
            StaffChangeRules.requireRoleAssignment(caller);
            StaffChangeRules.requireNotOwnRoles(caller, staff);
            StaffChangeRules.requireGrantable(caller, roles);
        }
        // The client sends full_store_access as it sees it: whether the staff member sees all stores.
        boolean requestedSeesAllStores = profile.allStoresGranted();
        if (requestedSeesAllStores == stores.seesAllStores(staff.id())) {
            // Unchanged as the client sees it (a role may grant all stores): keep the staff member's own grant.
            profile = profile.withAllStoresGranted(staff.grantedAllStores());
        } else {
            StaffChangeRules.requireAllStoresToGrantAllStores(
                    caller, "Only a caller with full store access can change full store access.");
        }
        Set<Long> storeIds =
                rules.checkedStores(caller, staff.organizationId(), staff.storeIds(), request.retailStores());
        Instant now = clock.instant();
        Changes changes = staff.profile().changesTo(profile);
        if (profile.active() != staff.isActive()) {
            StaffChangeRules.require(
                    caller, Permissions.STAFF_DEACTIVATE, "Changing is_active needs staff:deactivate.");
            if (!profile.active()) {
                StaffChangeRules.requireNotSelf(caller, staff);
                staff.deactivate(now);
            } else {
                staff.reactivate(now);
            }
        }
        if (!newRoleIds.equals(staff.roleIds())) {
            changes.set("roles", roleNames(roleCatalog.findByIds(staff.roleIds())), roleNames(roles));
        }
        changes.set("retail_stores", staff.storeIds(), storeIds)
                .field("full_store_access", staff.grantedAllStores(), profile.allStoresGranted());
        staff.applyProfile(profile, now);
        staff.replaceRoles(newRoleIds, now);
        staff.replaceStores(storeIds, requestedSeesAllStores, now);
        save(staff);
        if (!changes.isEmpty()) {
            events.publishEvent(StaffEvents.updated(Actor.of(caller), staff, changes, now));
        }
        return reader.get(caller, id);
    }

    @Transactional
    void deactivate(Caller caller, long id) {
        Staff staff = rules.loadForChange(caller, id);
        StaffChangeRules.requireNotSelf(caller, staff);
        Instant now = clock.instant();
        if (staff.deactivate(now)) {
            save(staff);
            events.publishEvent(StaffEvents.event(
                    StaffEvents.DEACTIVATED,
                    Actor.of(caller),
                    staff,
                    List.of(FieldChange.of("is_active", true, false)),
                    now));
        }
    }

    private Staff save(Staff staff) {
        try {
            return repository.saveAndFlush(staff);
        } catch (DataIntegrityViolationException ex) {
            String field = DataIntegrityViolations.constraintName(ex)
                    .map(UNIQUE_FIELDS::get)
                    .orElseThrow(() -> ex);
            throw ConflictException.alreadyInUse(field);
        }
    }

    private List<RoleGrant> resolveRoles(long organizationId, List<String> names) {
        return roleCatalog.resolve(organizationId, names);
    }

    private static Set<Long> roleIds(List<RoleGrant> roles) {
        return roles.stream().map(RoleGrant::id).collect(Collectors.toSet());
    }

    private static List<String> roleNames(List<RoleGrant> roles) {
        return roles.stream().map(RoleGrant::name).toList();
    }

    private static boolean sameNames(List<RoleGrant> roles, List<String> names) {
        return roles.stream().map(RoleGrant::name).collect(Collectors.toSet()).equals(new HashSet<>(names));
    }
}
