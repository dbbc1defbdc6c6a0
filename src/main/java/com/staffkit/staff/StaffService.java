package com.staffkit.staff;

import com.staffkit.common.error.ConflictException;
import com.staffkit.common.error.DataIntegrityViolations;
import com.staffkit.common.error.FieldViolation;
import com.staffkit.common.error.ForbiddenException;
import com.staffkit.common.error.InvalidRequestException;
import com.staffkit.common.security.Caller;
import com.staffkit.common.web.PageRequest;
import com.staffkit.common.web.PageResponse;
import com.staffkit.organization.OrganizationDirectory;
import com.staffkit.role.Permissions;
import com.staffkit.role.RoleCatalog;
import com.staffkit.role.RoleGrant;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Staff rules: tenancy, role grants without escalation, deactivation. */
@Service
public class StaffService {

    private static final List<String> DEFAULT_ROLES = List.of(RoleGrant.MEMBER);
    private static final Map<String, String> UNIQUE_FIELDS = Map.of(
            "uk_login_identifiers_email", "email",
            "uk_login_identifiers_username", "username",
            "uk_staff_organization_remote_id", "remote_id");

    private final StaffRepository repository;
    private final StaffQueries queries;
    private final StaffMapper mapper;
    private final RoleCatalog roleCatalog;
    private final OrganizationDirectory organizations;
    private final PasswordEncoder passwordEncoder;
    private final StaffStores stores;
    private final PasswordAttemptGuard passwordAttempts;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    StaffService(
            StaffRepository repository,
            StaffQueries queries,
            StaffMapper mapper,
            RoleCatalog roleCatalog,
            OrganizationDirectory organizations,
            PasswordEncoder passwordEncoder,
            StaffStores stores,
            PasswordAttemptGuard passwordAttempts,
            ApplicationEventPublisher events,
            Clock clock) {
        this.repository = repository;
        this.queries = queries;
        this.mapper = mapper;
        this.roleCatalog = roleCatalog;
        this.organizations = organizations;
        this.passwordEncoder = passwordEncoder;
        this.stores = stores;
        this.passwordAttempts = passwordAttempts;
        this.events = events;
        this.clock = clock;
    }

    // Single-statement reads run without a transaction: no BEGIN/COMMIT round trips and no
    // persistence context on the hot path; inside a write transaction they join it as usual.
    public StaffResponse get(Caller caller, long id) {
        return queries.findById(id, Visibility.of(caller))
                .map(mapper::toResponse)
                .orElseThrow(() -> StaffNotFoundException.forId(id));
    }

    /** The caller's own staff representation, whatever its store scope. */
    public StaffResponse self(Caller caller) {
        if (!caller.isStaff()) {
            throw new ForbiddenException("An API key is not a staff member.");
        }
        return queries.findById(caller.staffId(), Visibility.organization(caller.organizationId()))
                .map(mapper::toResponse)
                .orElseThrow(() -> StaffNotFoundException.forId(caller.staffId()));
    }

    /**
     * The page and the count are two statements; under concurrent writes they may differ by a row or
     * two. A plain search and a store's or a team's staff come with their count in one statement;
     * other lists in id order without a search page by key ({@code after} in their next links). A
     * search keeps page numbers: its pages end at the count's cap.
     */
    PageResponse<StaffResponse> list(Caller caller, StaffFilter filter, PageRequest page) {
        Visibility visible = Visibility.of(caller);
        boolean keyed = filter.inIdOrder() && !filter.searching();
        if (page.after() != null && !keyed) {
            throw new InvalidRequestException(
                    "after: only lists in id order without search page by key; leave it out here",
                    List.of(new FieldViolation("after", "only with the default ordering by id and no search")));
        }
        Optional<StaffQueries.CountedPage> searched =
                queries.plainSearch(visible, filter, page.pageSize(), page.offset());
        if (searched.isPresent()) {
            StaffQueries.CountedPage found = searched.get();
            return page.counted(found.rows(), found.total(), found::total, mapper::toResponse);
        }
        // A store's or a team's few hundred staff: offsets are cheap, the count comes with the page.
        if (page.after() == null && (filter.store() != null || filter.team() != null)) {
            StaffQueries.CountedPage counted = queries.listCounted(visible, filter, page.pageSize(), page.offset());
            return page.counted(
                    counted.rows(), counted.total(), () -> queries.count(visible, filter), mapper::toResponse);
        }
        if (keyed) {
            return page.fetchAfter(
                    (limit, offset, after) -> queries.list(visible, filter, limit, offset, after),
                    () -> queries.count(visible, filter),
                    StaffRow::id,
                    mapper::toResponse);
        }
        return page.fetch(
                (limit, offset) -> queries.list(visible, filter, limit, offset, null),
                () -> queries.count(visible, filter),
                mapper::toResponse);
    }

    StaffResponse lookup(Caller caller, StaffLookup lookup) {
        return queries.lookup(Visibility.of(caller), lookup)
                .map(mapper::toResponse)
                .orElseThrow(StaffNotFoundException::forLookup);
    }

    @Transactional(readOnly = true)
    StaffResponse serviceUser(Caller caller, Long organization) {
        long organizationId = organization == null ? caller.organizationId() : organization;
        if (!caller.canSee(organizationId)) {
            throw StaffNotFoundException.serviceUser();
        }
        return queries.findServiceUser(organizationId)
                .map(mapper::toResponse)
                .orElseThrow(StaffNotFoundException::serviceUser);
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
            requireRoleAssignment(caller);
        }
        requireGrantable(caller, roles);
        if (Boolean.FALSE.equals(request.isActive())) {
            require(caller, Permissions.STAFF_DEACTIVATE, "Creating an inactive account needs staff:deactivate.");
        }
        StaffProfile profile = profile(request, roles);
        if (request.password() != null) {
            PasswordPolicy.check("password", request.password(), profile.email(), profile.username());
        }
        if (profile.fullStoreAccess() && !caller.hasFullStoreAccess()) {
            throw new ForbiddenException("Only a caller with full store access can grant full store access.");
        }
        Set<Long> storeIds = checkedStores(caller, organizationId, Set.of(), request.retailStores());
        if (!caller.hasFullStoreAccess() && java.util.Collections.disjoint(storeIds, caller.storeScope())) {
            throw InvalidRequestException.forField("retail_stores", "assign at least one of your own stores");
        }

        Instant now = clock.instant();
        Staff staff = Staff.create(organizationId, profile, roleIds(roles), now);
        staff.replaceStores(storeIds, profile.fullStoreAccess(), now);
        String generatedPassword = null;
        if (Boolean.TRUE.equals(request.generatePassword())) {
            generatedPassword = GeneratedPasswords.next();
            staff.setInitialPassword(passwordEncoder.encode(generatedPassword));
        } else if (request.password() != null) {
            staff.setInitialPassword(passwordEncoder.encode(request.password()));
        }
        Staff saved = save(staff);
        boolean canLogIn = roles.stream().anyMatch(r -> !(r.builtIn() && RoleGrant.WORKER.equals(r.name())));
        if (!saved.isActivated() && saved.email() != null && canLogIn) {
            events.publishEvent(new ActivationRequested(saved.id(), saved.organizationId()));
        }
        StaffResponse response = get(caller, saved.id());
        return generatedPassword == null ? response : response.withGeneratedPassword(generatedPassword);
    }

    @Transactional
    StaffResponse replace(Caller caller, long id, UpdateStaffRequest request) {
        Staff staff = loadForChange(caller, id);
        List<String> requestedRoles = request.roles() == null ? DEFAULT_ROLES : request.roles();
        List<RoleGrant> roles = resolveRoles(staff.organizationId(), requestedRoles);
        Set<Long> newRoleIds = roleIds(roles);
        if (!newRoleIds.equals(staff.roleIds())) {
            requireRoleAssignment(caller);
            if (caller.is(staff.id())) {
                throw new ForbiddenException("You cannot change your own roles.");
            }
            requireGrantable(caller, roles);
        }
        StaffProfile profile = profile(request, roles);
        boolean requestedFullAccess = profile.fullStoreAccess();
        if (requestedFullAccess == stores.hasFullStoreAccess(staff.id())) {
            // Unchanged as the client sees it (owner, admin and superadmin always show true): keep the stored flag.
            profile = profile.withFullStoreAccess(staff.ownFullStoreAccess());
        } else if (!caller.hasFullStoreAccess()) {
            throw new ForbiddenException("Only a caller with full store access can change full store access.");
        }
        Set<Long> storeIds = checkedStores(caller, staff.organizationId(), staff.storeIds(), request.retailStores());
        boolean storesChanged =
                !storeIds.equals(staff.storeIds()) || profile.fullStoreAccess() != staff.ownFullStoreAccess();
        Instant now = clock.instant();
        boolean rolesChanged = !newRoleIds.equals(staff.roleIds());
        boolean deactivated = false;
        if (profile.active() != staff.isActive()) {
            require(caller, Permissions.STAFF_DEACTIVATE, "Changing is_active needs staff:deactivate.");
            if (!profile.active()) {
                requireNotSelf(caller, staff);
                deactivated = staff.deactivate(now);
            } else {
                staff.reactivate(now);
            }
        }
        staff.applyProfile(profile, now);
        staff.replaceRoles(newRoleIds, now);
        staff.replaceStores(storeIds, requestedFullAccess, now);
        save(staff);
        if (storesChanged) {
            events.publishEvent(new StaffStoresChanged(staff.id(), staff.organizationId()));
        }
        if (deactivated) {
            events.publishEvent(new StaffDeactivated(staff.id(), staff.organizationId()));
        }
        if (rolesChanged) {
            events.publishEvent(new StaffRolesChanged(staff.id(), staff.organizationId()));
        }
        return get(caller, id);
    }

    /** The current state as a full-replace request, for merging a PATCH onto. */
    @Transactional(readOnly = true)
    UpdateStaffRequest currentState(Caller caller, long id) {
        return mapper.toUpdateRequest(get(caller, id));
    }

    /** Changes the caller's own password; every session of the account ends, this one included. */
    @Transactional
    public void changeOwnPassword(Caller caller, String currentPassword, String newPassword) {
        if (!caller.isStaff()) {
            throw new ForbiddenException("Only a staff member has a password; an API key does not.");
        }
        Staff staff =
                repository.findById(caller.staffId()).orElseThrow(() -> StaffNotFoundException.forId(caller.staffId()));
        String guessKey = "password-change:" + staff.id();
        passwordAttempts.attempt(guessKey);
        if (staff.passwordHash() == null || !passwordEncoder.matches(currentPassword, staff.passwordHash())) {
            throw InvalidRequestException.forField("current_password", "is incorrect");
        }
        passwordAttempts.succeeded(guessKey);
        PasswordPolicy.check("new_password", newPassword, staff.email(), staff.username());
        staff.changePassword(passwordEncoder.encode(newPassword), clock.instant());
        save(staff);
        events.publishEvent(new StaffPasswordChanged(staff.id(), staff.organizationId()));
    }

    /** Assigns one store (idempotent). */
    @Transactional
    void assignStore(Caller caller, long id, long storeId) {
        Staff staff = loadForChange(caller, id);
        Set<Long> wanted = new java.util.HashSet<>(staff.storeIds());
        wanted.add(storeId);
        Set<Long> storeIds = checkedStores(caller, staff.organizationId(), staff.storeIds(), List.copyOf(wanted));
        staff.replaceStores(storeIds, stores.hasFullStoreAccess(staff.id()), clock.instant());
        save(staff);
        events.publishEvent(new StaffStoresChanged(staff.id(), staff.organizationId()));
    }

    /** Unassigns one store (idempotent); an unknown store is 404. */
    @Transactional
    void unassignStore(Caller caller, long id, long storeId) {
        Staff staff = loadForChange(caller, id);
        boolean known = stores.find(List.of(storeId)).stream()
                .anyMatch(store -> store.organizationId() == staff.organizationId());
        if (!known) {
            throw InvalidRequestException.forField("retail_stores", "unknown store ids: [" + storeId + "]");
        }
        Set<Long> wanted = new java.util.HashSet<>(staff.storeIds());
        wanted.remove(storeId);
        Set<Long> storeIds = checkedStores(caller, staff.organizationId(), staff.storeIds(), List.copyOf(wanted));
        staff.replaceStores(storeIds, stores.hasFullStoreAccess(staff.id()), clock.instant());
        save(staff);
        events.publishEvent(new StaffStoresChanged(staff.id(), staff.organizationId()));
    }

    /** Switches the store the caller works at now: an assigned one, or any active one with full access. */
    @Transactional
    public void selectCurrentStore(long staffId, Long storeId) {
        if (storeId != null && !stores.canWorkAt(staffId, storeId)) {
            throw InvalidRequestException.forField(
                    "store", "not a store you may work at: it must be active and assigned to you");
        }
        stores.setCurrentStore(staffId, storeId, clock.instant());
    }

    @Transactional
    void deactivate(Caller caller, long id) {
        Staff staff = loadForChange(caller, id);
        requireNotSelf(caller, staff);
        if (staff.deactivate(clock.instant())) {
            save(staff);
            events.publishEvent(new StaffDeactivated(staff.id(), staff.organizationId()));
        }
    }

    /**
     * Loads a staff member the caller may change: visible (else 404), not the service user, and
     * holding no permission the caller lacks, so nobody manages an account more powerful than their own.
     */
    private Staff loadForChange(Caller caller, long id) {
        Staff staff = repository.findVisibleTo(caller, id).orElseThrow(() -> StaffNotFoundException.forId(id));
        if (!caller.hasFullStoreAccess() && java.util.Collections.disjoint(staff.storeIds(), caller.storeScope())) {
            throw StaffNotFoundException.forId(id);
        }
        if (staff.isServiceUser()) {
            throw new ConflictException("The service user is managed by Staffkit and cannot be changed.");
        }
        if (!caller.is(staff.id())) {
            List<RoleGrant> current = roleCatalog.findByIds(staff.roleIds());
            for (RoleGrant role : current) {
                if (!canGrant(caller, role)) {
                    throw new ForbiddenException(
                            "This staff member holds permissions you do not have; you cannot change them.");
                }
            }
        }
        return staff;
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

    /**
     * Validates a new list of assigned stores: every id a store of the organization (else 400 naming
     * them), newly added ones active, and a store-scoped caller changing only its own stores.
     */
    private Set<Long> checkedStores(Caller caller, long organizationId, Set<Long> current, List<Long> requested) {
        Set<Long> wanted = new LinkedHashSet<>(requested == null ? List.of() : requested);
        Map<Long, StaffStores.StoreRef> found = stores.find(wanted).stream()
                .filter(store -> store.organizationId() == organizationId)
                .collect(Collectors.toMap(StaffStores.StoreRef::id, store -> store));
        List<Long> unknown =
                wanted.stream().filter(id -> !found.containsKey(id)).toList();
        if (!unknown.isEmpty()) {
            throw InvalidRequestException.forField("retail_stores", "unknown store ids: " + unknown);
        }
        List<Long> inactive = wanted.stream()
                .filter(id -> !current.contains(id) && !found.get(id).active())
                .toList();
        if (!inactive.isEmpty()) {
            throw InvalidRequestException.forField("retail_stores", "deactivated store ids: " + inactive);
        }
        if (!caller.hasFullStoreAccess()) {
            Set<Long> changed = new java.util.HashSet<>(wanted);
            changed.addAll(current);
            changed.removeIf(id -> wanted.contains(id) && current.contains(id));
            if (!caller.storeScope().containsAll(changed)) {
                throw new ForbiddenException("You can assign and unassign only your own stores.");
            }
        }
        return wanted;
    }

    private List<RoleGrant> resolveRoles(long organizationId, List<String> names) {
        return roleCatalog.resolve(organizationId, names);
    }

    private static Set<Long> roleIds(List<RoleGrant> roles) {
        return roles.stream().map(RoleGrant::id).collect(Collectors.toSet());
    }

    private static boolean sameNames(List<RoleGrant> roles, List<String> names) {
        return roles.stream().map(RoleGrant::name).collect(Collectors.toSet()).equals(new HashSet<>(names));
    }

    private static void requireRoleAssignment(Caller caller) {
        require(caller, Permissions.ROLES_ASSIGN, "Changing roles needs roles:assign.");
    }

    private static void requireGrantable(Caller caller, List<RoleGrant> roles) {
        for (RoleGrant role : roles) {
            if (!canGrant(caller, role)) {
                throw new ForbiddenException(
                        "You cannot grant the role '" + role.name() + "': it carries permissions you do not hold.");
            }
        }
    }

    private static boolean canGrant(Caller caller, RoleGrant role) {
        return caller.hasAll(role.permissions()) && (!role.isSuperadmin() || caller.allOrganizations());
    }

    private static void require(Caller caller, String permission, String detail) {
        if (!caller.has(permission)) {
            throw new ForbiddenException(detail);
        }
    }

    private static void requireNotSelf(Caller caller, Staff staff) {
        if (caller.is(staff.id())) {
            throw new ForbiddenException("You cannot deactivate yourself.");
        }
    }

    /** Normalizes the input and checks the rules that span fields. */
    private static StaffProfile profile(StaffInput input, List<RoleGrant> roles) {
        String email = blankToNull(input.email());
        boolean onlyWorkers = roles.stream().allMatch(r -> r.builtIn() && RoleGrant.WORKER.equals(r.name()));
        List<FieldViolation> errors = new java.util.ArrayList<>();
        if (email == null && !onlyWorkers) {
            errors.add(new FieldViolation("email", "is required unless every role is worker"));
        }
        String timeZone = blankToNull(input.timeZone());
        if (timeZone != null) {
            if (!ZoneId.getAvailableZoneIds().contains(timeZone)) {
                errors.add(new FieldViolation("time_zone", "must be an IANA time zone such as Europe/Istanbul"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(
                    errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; ")), errors);
        }
        Map<String, String> attributes =
                input.attributes() == null ? Map.of() : new LinkedHashMap<>(input.attributes());
        List<String> tags = input.tags() == null
                ? List.of()
                : input.tags().stream().map(String::trim).distinct().toList();
        return new StaffProfile(
                blankToNull(input.username()),
                email,
                input.firstName().trim(),
                input.lastName().trim(),
                blankToNull(input.jobTitle()),
                blankToNull(input.phone()),
                blankToNull(input.mobilePhone()),
                timeZone,
                blankToNull(input.avatarUrl()),
                blankToNull(input.remoteId()),
                attributes,
                tags,
                Boolean.TRUE.equals(input.fullStoreAccess()),
                input.isActive() == null || input.isActive());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
