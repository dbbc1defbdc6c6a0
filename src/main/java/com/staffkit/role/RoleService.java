package com.staffkit.role;

import com.staffkit.common.error.ConflictException;
import com.staffkit.common.error.DataIntegrityViolations;
import com.staffkit.common.error.ForbiddenException;
import com.staffkit.common.error.InvalidRequestException;
import com.staffkit.common.error.NotFoundException;
import com.staffkit.common.events.Changes;
import com.staffkit.common.events.DomainEvent;
import com.staffkit.common.paging.PageRequest;
import com.staffkit.common.paging.PageResponse;
import com.staffkit.common.security.Caller;
import com.staffkit.common.security.Scope;
import com.staffkit.common.web.EntityTags;
import com.staffkit.common.web.IfMatch;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Custom roles per organization; built-in roles are read-only. Nobody hands out what they lack. */
@Service
class RoleService {

    private final RoleRepository repository;
    private final RoleQueries queries;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final EntityTags tags;

    RoleService(
            RoleRepository repository,
            RoleQueries queries,
            ApplicationEventPublisher events,
            Clock clock,
            EntityTags tags) {
        this.tags = tags;
        this.repository = repository;
        this.queries = queries;
        this.events = events;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    PageResponse<RoleResponse> list(Caller caller, PageRequest page) {
        Scope<Long> visible = caller.organizations();
        return page.fetch((limit, offset) -> queries.list(visible, limit, offset), () -> queries.count(visible));
    }

    @Transactional(readOnly = true)
    RoleResponse get(Caller caller, long id) {
        return queries.find(id, caller.organizations()).orElseThrow(() -> notFound(id));
    }

    @Transactional
    RoleResponse create(Caller caller, RoleRequest request) {
        long organizationId = request.organization() == null ? caller.organizationId() : request.organization();
        if (!caller.canSee(organizationId)) {
            throw InvalidRequestException.forField("organization", "unknown organization " + organizationId);
        }
        Set<String> permissions = checkedPermissions(caller, request.permissions());
        Instant now = clock.instant();
        Role role =
                save(Role.custom(organizationId, checkedName(request.name()), description(request), permissions, now));
        events.publishEvent(RoleEvents.created(caller, role, now));
        return get(caller, role.id());
    }

    /** The current state as a full-replace request, for merging a PATCH onto. */
    @Transactional(readOnly = true)
    RoleRequest currentState(Caller caller, long id) {
        return RoleRequest.replacing(get(caller, id));
    }

    @Transactional
    RoleResponse replace(Caller caller, long id, IfMatch ifMatch, RoleRequest request) {
        Role role = loadForChange(caller, id);
        // After the load: a change committed in between fails the version check instead of passing this one.
        ifMatch.check(() -> tags.of(get(caller, id)));
        Set<String> permissions = checkedPermissions(caller, request.permissions());
        Instant now = clock.instant();
        Changes changes = role.change(checkedName(request.name()), description(request), permissions, now);
        save(role);
        if (!changes.isEmpty()) {
            events.publishEvent(RoleEvents.updated(caller, role, changes, now));
        }
        return get(caller, id);
    }

    /**
     * Deletes a custom role. While staff or keys hold it, that is a 409, unless {@code force}
     * unassigns it from them first.
     */
    @Transactional
    void delete(Caller caller, long id, IfMatch ifMatch, boolean force) {
        Role role = loadForChange(caller, id);
        // After the load: a change committed in between fails the version check instead of passing this one.
        ifMatch.check(() -> tags.of(get(caller, id)));
        DomainEvent deleted = RoleEvents.deleted(caller, role, clock.instant());
        if (force) {
            // Its holders drop it first, in this transaction.
            events.publishEvent(deleted);
        }
        try {
            repository.delete(role);
            repository.flush();
        } catch (DataIntegrityViolationException ex) {
            throw new ConflictException(
                    "The role is assigned to staff members or API keys; unassign it first or pass force=true.");
        }
        if (!force) {
            events.publishEvent(deleted);
        }
    }

    private Role loadForChange(Caller caller, long id) {
        Role role = repository.findVisibleTo(caller, id).orElseThrow(() -> notFound(id));
        if (role.isBuiltIn()) {
            throw new ConflictException("Built-in roles cannot be changed or deleted; create a custom role instead.");
        }
        if (!caller.hasAll(role.permissions())) {
            throw new ForbiddenException("This role carries permissions you do not hold; you cannot change it.");
        }
        // Changing a role changes its holders: nobody may do that to an account more powerful than their own.
        RoleQueries.Holders holders = queries.holders(role.id());
        if (!caller.hasAll(holders.permissions()) || (holders.superadmin() && !caller.allOrganizations())) {
            throw new ForbiddenException("Staff holding this role have permissions you lack; you cannot change it.");
        }
        return role;
    }

    private Role save(Role role) {
        try {
            return repository.saveAndFlush(role);
        } catch (DataIntegrityViolationException ex) {
            if (DataIntegrityViolations.constraintName(ex)
                    .filter("uk_roles_organization_name"::equals)
                    .isPresent()) {
                throw ConflictException.alreadyInUse("name");
            }
            throw ex;
        }
    }

    /** Compared with PostgreSQL's lower(), exactly as role names are looked up, so no custom role shadows a built-in one. */
    private String checkedName(String name) {
        String trimmed = name.trim();
        if (queries.isBuiltInName(trimmed)) {
            throw new ConflictException("name", "'" + trimmed + "' is the name of a built-in role.");
        }
        return trimmed;
    }

    private static String description(RoleRequest request) {
        return request.description() == null ? "" : request.description().trim();
    }

    private static Set<String> checkedPermissions(Caller caller, List<String> requested) {
        Set<String> permissions = new LinkedHashSet<>(requested == null ? List.of() : requested);
        List<String> unknown = permissions.stream()
                .filter(p -> !Permissions.catalogue().containsKey(p))
                .toList();
        if (!unknown.isEmpty()) {
            throw InvalidRequestException.forField("permissions", "unknown permissions: " + String.join(", ", unknown));
        }
        List<String> serviceWide =
                permissions.stream().filter(Permissions::isServiceWide).toList();
        if (!serviceWide.isEmpty()) {
            throw InvalidRequestException.forField(
                    "permissions",
                    "service-wide permissions belong to the built-in superadmin role only: "
                            + String.join(", ", serviceWide));
        }
        if (!caller.hasAll(permissions)) {
            throw new ForbiddenException("A role cannot carry permissions you do not hold yourself.");
        }
        return permissions;
    }

    private static NotFoundException notFound(long id) {
        return new NotFoundException("No role with id " + id + ".");
    }
}
