package com.staffkit.team;

import com.staffkit.common.error.ConflictException;
import com.staffkit.common.error.DataIntegrityViolations;
import com.staffkit.common.error.InvalidRequestException;
import com.staffkit.common.error.NotFoundException;
import com.staffkit.common.events.Changes;
import com.staffkit.common.paging.PageRequest;
import com.staffkit.common.paging.PageResponse;
import com.staffkit.common.security.Caller;
import com.staffkit.common.security.Scope;
import com.staffkit.common.web.EntityTags;
import com.staffkit.common.web.IfMatch;
import com.staffkit.organization.OrganizationDirectory;
import com.staffkit.staff.StaffDirectory;
import com.staffkit.staff.StaffResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Teams of an organization and their membership; a team and a staff member of different organizations never meet. */
@Service
class TeamService {

    private final TeamRepository repository;
    private final TeamQueries queries;
    private final TeamMembers members;
    private final StaffDirectory staffDirectory;
    private final OrganizationDirectory organizations;
    private final EntityTags tags;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    TeamService(
            TeamRepository repository,
            TeamQueries queries,
            TeamMembers members,
            StaffDirectory staffDirectory,
            OrganizationDirectory organizations,
            EntityTags tags,
            ApplicationEventPublisher events,
            Clock clock) {
        this.repository = repository;
        this.queries = queries;
        this.members = members;
        this.staffDirectory = staffDirectory;
        this.organizations = organizations;
        this.tags = tags;
        this.events = events;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    PageResponse<TeamResponse> list(Caller caller, TeamFilter filter, PageRequest page) {
        if (filter.member() != null && !staffDirectory.canRead(caller, filter.member())) {
            // A filter tells nothing about staff the caller cannot read: such a member is in no team,
            // exactly like an unknown id.
            return page.toResponse(0, List.of());
        }
        Scope<Long> visible = caller.organizations();
        return page.fetch(
                (limit, offset) -> queries.list(visible, filter, limit, offset), () -> queries.count(visible, filter));
    }

    @Transactional(readOnly = true)
    TeamResponse get(Caller caller, long id) {
        return queries.find(id, caller.organizations()).orElseThrow(() -> notFound(id));
    }

    @Transactional
    TeamResponse create(Caller caller, TeamRequest request) {
        long organizationId = request.organization() == null ? caller.organizationId() : request.organization();
        if (!caller.canSee(organizationId) || !organizations.isActive(organizationId)) {
            throw InvalidRequestException.forField("organization", "unknown organization " + organizationId);
        }
        Instant now = clock.instant();
        Team team = save(Team.create(
                organizationId,
                request.name().trim(),
                blankToNull(request.description()),
                Responsibilities.normalize(request.responsibilities()),
                now));
        events.publishEvent(TeamEvents.created(caller, team, now));
        return get(caller, team.id());
    }

    /** The current state as a full-replace request, for merging a PATCH onto. */
    @Transactional(readOnly = true)
    TeamRequest currentState(Caller caller, long id) {
        return TeamRequest.replacing(get(caller, id));
    }

    /** A full replace; the organization never changes. */
    @Transactional
    TeamResponse replace(Caller caller, long id, IfMatch ifMatch, TeamRequest request) {
        Team team = load(caller, id);
        ifMatch.check(() -> tags.of(get(caller, id)));
        Instant now = clock.instant();
        Changes changes = team.change(
                request.name().trim(),
                blankToNull(request.description()),
                Responsibilities.normalize(request.responsibilities()),
                now);
        save(team);
        if (!changes.isEmpty()) {
            events.publishEvent(TeamEvents.updated(caller, team, changes, now));
        }
        return get(caller, id);
    }

    /** Deletes the team with its memberships; the staff stay. */
    @Transactional
    void delete(Caller caller, long id, IfMatch ifMatch) {
        Team team = load(caller, id);
        ifMatch.check(() -> tags.of(get(caller, id)));
        repository.delete(team);
        events.publishEvent(TeamEvents.deleted(caller, team, clock.instant()));
    }

    /** Single-statement reads without a transaction, like the staff list. */
    PageResponse<StaffResponse> members(Caller caller, long id, boolean includeInactive, PageRequest page) {
        if (!queries.exists(id, caller.organizations())) {
            throw notFound(id);
        }
        return staffDirectory.teamMembers(caller, id, includeInactive, page);
    }

    @Transactional
    void addMember(Caller caller, long id, long staffId) {
        Team team = load(caller, id);
        requireVisibleStaff(caller, team, staffId);
        added(caller, team, members.add(team.id(), team.organizationId(), List.of(staffId)));
    }

    @Transactional
    void removeMember(Caller caller, long id, long staffId) {
        Team team = load(caller, id);
        requireVisibleStaff(caller, team, staffId);
        if (members.remove(team.id(), staffId)) {
            Instant now = clock.instant();
            team.touch(now);
            save(team);
            events.publishEvent(TeamEvents.memberRemoved(caller, team, staffId, now));
        }
    }

    /** All or nothing: one unknown id and none is added. */
    @Transactional
    void addMembers(Caller caller, long id, List<Long> staffIds) {
        Team team = load(caller, id);
        Set<Long> wanted = new LinkedHashSet<>(staffIds);
        Set<Long> found = staffDirectory.visibleIn(caller, team.organizationId(), wanted);
        List<Long> unknown =
                wanted.stream().filter(staffId -> !found.contains(staffId)).toList();
        if (!unknown.isEmpty()) {
            throw InvalidRequestException.forField("staff_ids", "unknown staff ids: " + unknown);
        }
        added(caller, team, members.add(team.id(), team.organizationId(), wanted));
    }

    /** Adding is idempotent: only those who were not members yet make an event. */
    private void added(Caller caller, Team team, List<Long> staffIds) {
        Instant now = clock.instant();
        if (!staffIds.isEmpty()) {
            team.touch(now);
            save(team);
        }
        staffIds.forEach(staffId -> events.publishEvent(TeamEvents.memberAdded(caller, team, staffId, now)));
    }

    private void requireVisibleStaff(Caller caller, Team team, long staffId) {
        if (staffDirectory
                .visibleIn(caller, team.organizationId(), List.of(staffId))
                .isEmpty()) {
            throw new NotFoundException("No staff member with id " + staffId + ".");
        }
    }

    private Team load(Caller caller, long id) {
        return repository.findVisibleTo(caller, id).orElseThrow(() -> notFound(id));
    }

    Team save(Team team) {
        try {
            return repository.saveAndFlush(team);
        } catch (DataIntegrityViolationException ex) {
            String constraint = DataIntegrityViolations.constraintName(ex).orElse("");
            if (constraint.equals("uk_teams_organization_name")) {
                throw ConflictException.alreadyInUse("name");
            }
            if (constraint.equals("uk_teams_organization_external_id")) {
                throw ConflictException.alreadyInUse("external_id");
            }
            throw ex;
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static NotFoundException notFound(long id) {
        return new NotFoundException("No team with id " + id + ".");
    }
}
