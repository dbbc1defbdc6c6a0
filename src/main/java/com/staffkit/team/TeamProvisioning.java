package com.staffkit.team;

import com.staffkit.common.error.ForbiddenException;
import com.staffkit.common.error.InvalidRequestException;
import com.staffkit.common.error.NotFoundException;
import com.staffkit.common.error.PreconditionFailedException;
import com.staffkit.common.events.Changes;
import com.staffkit.common.paging.PageRequest;
import com.staffkit.common.persistence.Criterion;
import com.staffkit.common.security.Caller;
import com.staffkit.role.Permissions;
import com.staffkit.staff.StaffDirectory;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Teams as an identity provider provisions them (SCIM Groups), in the caller's own organization,
 * with the events of the REST API (the caller as actor). A membership change adds and removes only
 * the staff it names: a member added meanwhile by someone else stays.
 */
@Service
public class TeamProvisioning {

    private final TeamService teams;
    private final TeamRepository repository;
    private final TeamMembers members;
    private final ProvisionedTeamQueries queries;
    private final StaffDirectory staffDirectory;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    TeamProvisioning(
            TeamService teams,
            TeamRepository repository,
            TeamMembers members,
            ProvisionedTeamQueries queries,
            StaffDirectory staffDirectory,
            ApplicationEventPublisher events,
            Clock clock) {
        this.teams = teams;
        this.repository = repository;
        this.members = members;
        this.queries = queries;
        this.staffDirectory = staffDirectory;
        this.events = events;
        this.clock = clock;
    }

    /** A page of matching teams and how many match in all. */
    public record Page(List<ProvisionedTeam> teams, long total) {}

    /** The whole new state of a team: its name, external id and members. */
    public record Desired(String name, @Nullable String externalId, Set<Long> members) {}

    @FunctionalInterface
    public interface Changer {
        Desired apply(ProvisionedTeam current);
    }

    @Transactional(readOnly = true)
    public Optional<ProvisionedTeam> find(Caller caller, long id, boolean withMembers) {
        requireRead(caller, withMembers);
        return queries.find(caller.organizationId(), id, withMembers)
                .map(team -> visibleMembers(caller, List.of(team)).getFirst());
    }

    /**
     * The matches from {@code offset} (0-based), at most {@code limit}, and how many match in all; a
     * limit of 0 counts only. Counted only when the page cannot tell (see StaffProvisioning#search).
     */
    @Transactional(readOnly = true)
    public Page search(Caller caller, Criterion filter, int offset, int limit, boolean withMembers) {
        requireRead(caller, withMembers);
        if (limit == 0) {
            return new Page(List.of(), queries.count(caller.organizationId(), filter));
        }
        List<ProvisionedTeam> page =
                visibleMembers(caller, queries.search(caller.organizationId(), filter, offset, limit, withMembers));
        long total =
                PageRequest.totalOf(offset, limit, page.size(), () -> queries.count(caller.organizationId(), filter));
        return new Page(page, total);
    }

    @Transactional
    public ProvisionedTeam create(Caller caller, Desired desired) {
        require(caller, Permissions.TEAMS_WRITE, "Creating teams needs teams:write.");
        Instant now = clock.instant();
        Team team = Team.create(caller.organizationId(), desired.name().trim(), null, List.of(), now);
        team.changeExternalId(blankToNull(desired.externalId()), Changes.between(), now);
        team = teams.save(team);
        events.publishEvent(TeamEvents.created(caller, team, now));
        addMembers(caller, team, desired.members(), now);
        return provisioned(caller, team.id());
    }

    /**
     * Changes a team from what it is now: {@code change} gets the current state (members included)
     * and returns the whole new one. {@code ifMatch}, when given, must be the current version (else 412).
     */
    @Transactional
    public ProvisionedTeam change(Caller caller, long id, @Nullable Long ifMatch, Changer change) {
        require(caller, Permissions.TEAMS_WRITE, "Changing teams needs teams:write.");
        Team team = load(caller, id, ifMatch);
        ProvisionedTeam current = provisioned(caller, id);
        Desired desired = change.apply(current);
        Instant now = clock.instant();
        Changes changes = team.change(desired.name().trim(), team.description(), team.responsibilities(), now);
        team.changeExternalId(blankToNull(desired.externalId()), changes, now);
        Set<Long> before = new LinkedHashSet<>();
        current.members().forEach(member -> before.add(member.staffId()));
        Set<Long> added = new LinkedHashSet<>(desired.members());
        added.removeAll(before);
        Set<Long> removed = new LinkedHashSet<>(before);
        removed.removeAll(desired.members());
        if (!changes.isEmpty() || !added.isEmpty() || !removed.isEmpty()) {
            team.touch(now);
        }
        team = teams.save(team);
        if (!changes.isEmpty()) {
            events.publishEvent(TeamEvents.updated(caller, team, changes, now));
        }
        addMembers(caller, team, added, now);
        for (long staffId : removed) {
            if (members.remove(team.id(), staffId)) {
                events.publishEvent(TeamEvents.memberRemoved(caller, team, staffId, now));
            }
        }
        return provisioned(caller, id);
    }

    /** Deletes the team with its memberships; the staff stay. */
    @Transactional
    public void delete(Caller caller, long id, @Nullable Long ifMatch) {
        require(caller, Permissions.TEAMS_WRITE, "Deleting teams needs teams:write.");
        Team team = load(caller, id, ifMatch);
        repository.delete(team);
        events.publishEvent(TeamEvents.deleted(caller, team, clock.instant()));
    }

    /** All or nothing: one id that is no staff member of the team's organization and none is added. */
    private void addMembers(Caller caller, Team team, Set<Long> staffIds, Instant now) {
        if (staffIds.isEmpty()) {
            return;
        }
        Set<Long> found = staffDirectory.visibleIn(caller, team.organizationId(), staffIds);
        List<Long> unknown = staffIds.stream().filter(id -> !found.contains(id)).toList();
        if (!unknown.isEmpty()) {
            throw InvalidRequestException.forField("members", "unknown staff ids: " + unknown);
        }
        members.add(team.id(), team.organizationId(), staffIds)
                .forEach(staffId -> events.publishEvent(TeamEvents.memberAdded(caller, team, staffId, now)));
    }

    private Team load(Caller caller, long id, @Nullable Long ifMatch) {
        Team team = repository
                .findVisibleTo(caller, id)
                .filter(found -> found.organizationId() == caller.organizationId())
                .orElseThrow(() -> notFound(id));
        if (ifMatch != null && ifMatch != team.version()) {
            throw new PreconditionFailedException("The team was changed since version " + ifMatch + "; read it again.");
        }
        return team;
    }

    private ProvisionedTeam provisioned(Caller caller, long id) {
        return queries.find(caller.organizationId(), id, true)
                .map(team -> visibleMembers(caller, List.of(team)).getFirst())
                .orElseThrow(() -> notFound(id));
    }

    /**
     * The teams with only the members the caller may see, as the team API lists them: a caller
     * narrowed to some stores neither reads nor (by leaving them out of a replace) removes the
     * others. One statement for the whole page.
     */
    private List<ProvisionedTeam> visibleMembers(Caller caller, List<ProvisionedTeam> teams) {
        if (caller.storeScope().isAll()) {
            return teams;
        }
        Set<Long> ids = new LinkedHashSet<>();
        teams.forEach(team -> {
            if (team.members() != null) {
                team.members().forEach(member -> ids.add(member.staffId()));
            }
        });
        Set<Long> visible = staffDirectory.visibleIn(caller, caller.organizationId(), ids);
        return teams.stream()
                .map(team -> team.members() == null
                        ? team
                        : new ProvisionedTeam(
                                team.id(),
                                team.name(),
                                team.externalId(),
                                team.members().stream()
                                        .filter(member -> visible.contains(member.staffId()))
                                        .toList(),
                                team.createdAt(),
                                team.modifiedAt(),
                                team.version()))
                .toList();
    }

    private static void requireRead(Caller caller, boolean withMembers) {
        require(caller, Permissions.TEAMS_READ, "Reading teams needs teams:read.");
        if (withMembers) {
            require(caller, Permissions.STAFF_READ, "Reading a team's members needs staff:read.");
        }
    }

    private static void require(Caller caller, String permission, String detail) {
        if (!caller.has(permission)) {
            throw new ForbiddenException(detail);
        }
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static NotFoundException notFound(long id) {
        return new NotFoundException("No team with id " + id + ".");
    }
}
