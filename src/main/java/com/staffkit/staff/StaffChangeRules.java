package com.staffkit.staff;

import com.staffkit.common.error.ConflictException;
import com.staffkit.common.error.ForbiddenException;
import com.staffkit.common.error.InvalidRequestException;
import com.staffkit.common.security.Caller;
import com.staffkit.role.Permissions;
import com.staffkit.role.RoleCatalog;
import com.staffkit.role.RoleGrant;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Who may change which staff member, and how: tenancy and store scope, no account more powerful
 * than the caller, no escalation through grants, nothing done to oneself that would lift one's own
 * limits. Every write of the staff feature asks here.
 */
@Component
class StaffChangeRules {

    private final StaffRepository repository;
    private final RoleCatalog roleCatalog;
    private final StaffStores stores;

    StaffChangeRules(StaffRepository repository, RoleCatalog roleCatalog, StaffStores stores) {
        this.repository = repository;
        this.roleCatalog = roleCatalog;
        this.stores = stores;
    }

    /**
     * Loads a staff member the caller may change: visible (else 404), not the service user, and
     * holding no permission the caller lacks, so nobody manages an account more powerful than their
     * own. Only a staff member's own session is exempt from that last rule; an API key is bound by
     * it with its own permissions, its creator's account included.
     */
    Staff loadForChange(Caller caller, long id) {
        Staff staff = repository.findVisibleTo(caller, id).orElseThrow(() -> StaffNotFoundException.forId(id));
        if (!Visibility.of(caller).coversStores(staff.id(), staff.storeIds())) {
            throw StaffNotFoundException.forId(id);
        }
        if (staff.isServiceUser()) {
            throw new ConflictException("The service user is managed by Staffkit and cannot be changed.");
        }
        if (!caller.isSelf(staff.id())
                && accountOutranksCaller(caller, staff.id(), roleCatalog.findByIds(staff.roleIds()))) {
            throw new ForbiddenException(
                    "This staff member holds permissions you do not have; you cannot change them.");
        }
        return staff;
    }

    /**
     * Whether the account holding these roles is more powerful than the caller: it holds a role the
     * caller could not grant. Only the staff member's own session is never outranked by itself.
     */
    static boolean accountOutranksCaller(Caller caller, long staffId, Collection<RoleGrant> roles) {
        return !caller.isSelf(staffId) && !roles.stream().allMatch(role -> role.isGrantableBy(caller));
    }

    /**
     * An API key never changes how its creator logs in, what they may do or whether they may: the
     * key acts for its creator, and a key that could reset its creator's email or roles could take
     * the account over.
     */
    static void requireKeyLeavesItsCreatorAlone(
            Caller caller, Staff staff, StaffProfile profile, Set<Long> newRoleIds) {
        if (!caller.isKeyCreatedBy(staff.id())) {
            return;
        }
        boolean changesLogin = !Objects.equals(profile.email(), staff.email())
                || !Objects.equals(profile.username(), staff.username());
        if (changesLogin || !newRoleIds.equals(staff.roleIds()) || profile.active() != staff.isActive()) {
            throw new ForbiddenException("An API key cannot change the email, username, password, roles or state"
                    + " of the staff member who created it.");
        }
    }

    /**
     * Validates a new list of assigned stores: every id a store of the organization (else 400 naming
     * them), newly added ones active, and a store-scoped caller changing only its own stores.
     */
    Set<Long> checkedStores(Caller caller, long organizationId, Set<Long> current, List<Long> requested) {
        return checkedStores(caller, organizationId, current, requested, stores::find);
    }

    /** As above, with the stores looked up by {@code find} (which may remember them across a batch). */
    static Set<Long> checkedStores(
            Caller caller,
            long organizationId,
            Set<Long> current,
            List<Long> requested,
            Function<Collection<Long>, List<StaffStores.StoreRef>> find) {
        Set<Long> wanted = new LinkedHashSet<>(requested == null ? List.of() : requested);
        Map<Long, StaffStores.StoreRef> found = find.apply(wanted).stream()
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
        if (!mayChangeStores(caller, current, wanted)) {
            throw new ForbiddenException("You can assign and unassign only your own stores.");
        }
        return wanted;
    }

    /** A caller narrowed to some stores assigns and unassigns only those; stores it keeps as they are do not count. */
    static boolean mayChangeStores(Caller caller, Set<Long> current, Set<Long> wanted) {
        Set<Long> changed = new HashSet<>(wanted);
        changed.addAll(current);
        changed.removeIf(id -> wanted.contains(id) && current.contains(id));
        return caller.storeScope().containsAll(changed);
    }

    /** A new staff member of a caller narrowed to some stores must share one of them, or the caller would lose sight of it. */
    static void requireOneOfCallersStores(Caller caller, Set<Long> storeIds) {
        if (!caller.storeScope().isAll() && !caller.storeScope().intersects(storeIds)) {
            throw InvalidRequestException.forField("retail_stores", "assign at least one of your own stores");
        }
    }

    /** Only a caller whose store scope is every store may give or take away the sight of every store. */
    static void requireAllStoresToGrantAllStores(Caller caller, String detail) {
        if (!caller.storeScope().isAll()) {
            throw new ForbiddenException(detail);
        }
    }

    static void requireRoleAssignment(Caller caller) {
        require(caller, Permissions.ROLES_ASSIGN, "Changing roles needs roles:assign.");
    }

    static void requireGrantable(Caller caller, List<RoleGrant> roles) {
        for (RoleGrant role : roles) {
            if (!role.isGrantableBy(caller)) {
                throw new ForbiddenException(
                        "You cannot grant the role '" + role.name() + "': it carries permissions you do not hold.");
            }
        }
    }

    static void require(Caller caller, String permission, String detail) {
        if (!caller.has(permission)) {
            throw new ForbiddenException(detail);
        }
    }

    /** Nobody changes their own roles, not even through a key they created. */
    static void requireNotOwnRoles(Caller caller, Staff staff) {
        if (caller.actsFor(staff.id())) {
            throw new ForbiddenException("You cannot change your own roles.");
        }
    }

    /** Nobody deactivates themselves, not even through a key they created. */
    static void requireNotSelf(Caller caller, Staff staff) {
        if (caller.actsFor(staff.id())) {
            throw new ForbiddenException("You cannot deactivate yourself.");
        }
    }
}
