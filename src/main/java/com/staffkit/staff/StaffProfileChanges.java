package com.staffkit.staff;

import com.staffkit.common.events.Actor;
import com.staffkit.common.events.Changes;
import com.staffkit.common.events.FieldChange;
import com.staffkit.common.security.Caller;
import com.staffkit.common.web.EntityTags;
import com.staffkit.common.web.IfMatch;
import com.staffkit.role.Permissions;
import com.staffkit.role.RoleCatalog;
import com.staffkit.role.RoleGrant;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Changing a staff member's profile, roles, stores and state (PUT, PATCH, DELETE), under the rules
 * of {@link StaffChangeRules}: one write under the version read, and one event naming what changed.
 */
@Service
class StaffProfileChanges {

    private final StaffRepository repository;
    private final StaffWrites writes;
    private final StaffReader reader;
    private final StaffMapper mapper;
    private final StaffChangeRules rules;
    private final EntityTags tags;
    private final RoleCatalog roleCatalog;
    private final StaffStores stores;
    private final StaffUniqueness uniqueness;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    StaffProfileChanges(
            StaffRepository repository,
            StaffWrites writes,
            StaffReader reader,
            StaffMapper mapper,
            StaffChangeRules rules,
            EntityTags tags,
            RoleCatalog roleCatalog,
            StaffStores stores,
            StaffUniqueness uniqueness,
            ApplicationEventPublisher events,
            Clock clock) {
        this.repository = repository;
        this.writes = writes;
        this.reader = reader;
        this.mapper = mapper;
        this.rules = rules;
        this.tags = tags;
        this.roleCatalog = roleCatalog;
        this.stores = stores;
        this.uniqueness = uniqueness;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    StaffResponse replace(Caller caller, long id, IfMatch ifMatch, UpdateStaffRequest request) {
        Staff staff = rules.loadForChange(caller, id);
        ifMatch.check(() -> tags.of(reader.get(caller, id)));
        return replace(caller, staff, request, false).staff();
    }

    /**
     * A PATCH: the change is merged onto the current state in the transaction that writes it, and the
     * row is read first, so a change committed after that read fails the version check (409) instead
     * of being put back from the merged state.
     */
    @Transactional
    StaffResponse patch(Caller caller, long id, IfMatch ifMatch, UnaryOperator<UpdateStaffRequest> change) {
        return change(caller, id, ifMatch, change::apply);
    }

    /** As {@link #patch}, for a change that may also carry the identity provider's part ({@link StaffInput#directory}). */
    @Transactional
    StaffResponse change(
            Caller caller, long id, IfMatch ifMatch, Function<UpdateStaffRequest, ? extends StaffInput> change) {
        repository.findVisibleTo(caller, id);
        StaffResponse current = reader.get(caller, id);
        ifMatch.check(() -> tags.of(current));
        StaffInput request = change.apply(mapper.toUpdateRequest(current));
        return replace(caller, rules.loadForChange(caller, id), request, false).staff();
    }

    /**
     * One item of a bulk change, in the bulk's transaction (not a transaction of its own, so a
     * refused item leaves the others' work alone). A taken email, username or remote_id is refused
     * before anything is written, as the item's own 409. A change that changes nothing writes
     * nothing and publishes no event.
     */
    Changed changeInBulk(Caller caller, long id, UnaryOperator<UpdateStaffRequest> change) {
        repository.findVisibleTo(caller, id);
        StaffResponse current = reader.get(caller, id);
        UpdateStaffRequest before = mapper.toUpdateRequest(current);
        UpdateStaffRequest request = change.apply(before);
        if (request.equals(before)) {
            return new Changed(current, false);
        }
        return replace(caller, rules.loadForChange(caller, id), request, true);
    }

    /** The staff member after a change, and whether anything changed. */
    record Changed(StaffResponse staff, boolean changed) {}

    private Changed replace(Caller caller, Staff staff, StaffInput request, boolean checkUniqueFirst) {
        long id = staff.id();
        List<String> requestedRoles = RequestedRoles.orDefault(request.roles());
        List<RoleGrant> roles = roleCatalog.resolve(staff.organizationId(), requestedRoles);
        Set<Long> newRoleIds = RequestedRoles.ids(roles);
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
            changes.set(
                    "roles", RequestedRoles.names(roleCatalog.findByIds(staff.roleIds())), RequestedRoles.names(roles));
        }
        changes.set("retail_stores", staff.storeIds(), storeIds)
                .field("full_store_access", staff.grantedAllStores(), profile.allStoresGranted());
        DirectoryProfile directory = request.directory();
        if (directory != null) {
            staff.directory().addChangesTo(directory, changes);
            staff.applyDirectory(directory, now);
        }
        staff.applyProfile(profile, now);
        staff.replaceRoles(newRoleIds, now);
        staff.replaceStores(storeIds, requestedSeesAllStores, now);
        if (checkUniqueFirst) {
            uniqueness.require(new StaffUniqueness.Claim(staff.id(), staff.organizationId(), staff.profile()));
        }
        writes.save(staff);
        if (!changes.isEmpty()) {
            events.publishEvent(StaffEvents.updated(Actor.of(caller), staff, changes, now));
        }
        return new Changed(reader.get(caller, id), !changes.isEmpty());
    }

    @Transactional
    void deactivate(Caller caller, long id, IfMatch ifMatch) {
        Staff staff = rules.loadForChange(caller, id);
        ifMatch.check(() -> tags.of(reader.get(caller, id)));
        StaffChangeRules.requireNotSelf(caller, staff);
        Instant now = clock.instant();
        if (staff.deactivate(now)) {
            writes.save(staff);
            events.publishEvent(StaffEvents.event(
                    StaffEvents.DEACTIVATED,
                    Actor.of(caller),
                    staff,
                    List.of(FieldChange.of("is_active", true, false)),
                    now));
        }
    }
}
