package com.staffkit.team;

import com.staffkit.common.input.JsonMergePatch;
import com.staffkit.common.paging.PageRequest;
import com.staffkit.common.paging.PageResponse;
import com.staffkit.common.security.Caller;
import com.staffkit.common.web.Created;
import com.staffkit.common.web.EntityTagged;
import com.staffkit.common.web.IfMatch;
import com.staffkit.role.Requires;
import com.staffkit.staff.StaffResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
@RequestMapping("/api/teams")
@Tag(name = "Teams")
class TeamController {

    private final TeamService teams;
    private final JsonMergePatch mergePatch;

    TeamController(TeamService teams, JsonMergePatch mergePatch) {
        this.teams = teams;
        this.mergePatch = mergePatch;
    }

    record ResponsibilityResponse(String name, String description) {}

    record AddMembersRequest(@NotEmpty @Size(max = 1000) List<@NotNull Long> staffIds) {}

    @GetMapping("/responsibilities")
    @Requires.TeamsRead
    @Operation(
            operationId = "listResponsibilities",
            summary = "The predefined responsibilities, with a description of each",
            description =
                    "Teams may also carry custom responsibilities: upper-case names matching ^[A-Z][A-Z0-9_]{1,63}$.")
    List<ResponsibilityResponse> responsibilities() {
        return Responsibilities.predefined().entrySet().stream()
                .map(e -> new ResponsibilityResponse(e.getKey(), e.getValue()))
                .toList();
    }

    @GetMapping
    @Requires.TeamsRead
    @Operation(operationId = "listTeams", summary = "List teams", description = "Paginated like staff, with filters.")
    PageResponse<TeamResponse> list(
            @Parameter(hidden = true) @AuthenticationPrincipal Caller caller,
            @Parameter(description = "Page number, from 1") @RequestParam(required = false) Integer page,
            @Parameter(description = "Page size, 1 to 1000 (default 20)")
                    @RequestParam(name = "page_size", required = false)
                    Integer pageSize,
            @ParameterObject TeamFilter filter) {
        return teams.list(caller, filter, PageRequest.of(page, pageSize));
    }

    @GetMapping("/{id}")
    @Requires.TeamsRead
    @EntityTagged
    @Operation(operationId = "getTeam", summary = "Get one team")
    TeamResponse get(@Parameter(hidden = true) @AuthenticationPrincipal Caller caller, @PathVariable long id) {
        return teams.get(caller, id);
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Requires.TeamsWrite
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            operationId = "createTeam",
            summary = "Create a team",
            description = "Names are unique per organization, case-insensitively; duplicate responsibilities collapse.")
    ResponseEntity<TeamResponse> create(
            @Parameter(hidden = true) @AuthenticationPrincipal Caller caller, @Valid @RequestBody TeamRequest request) {
        TeamResponse created = teams.create(caller, request);
        URI location = Created.location("/api/teams/{id}", created.id());
        return ResponseEntity.created(location).body(created);
    }

    @PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Requires.TeamsWrite
    @EntityTagged
    @Operation(
            operationId = "replaceTeam",
            summary = "Replace a team",
            description = "Missing fields become null or empty.")
    TeamResponse replace(
            @Parameter(hidden = true) @AuthenticationPrincipal Caller caller,
            @PathVariable long id,
            IfMatch ifMatch,
            @Valid @RequestBody TeamRequest request) {
        return teams.replace(caller, id, ifMatch, request);
    }

    @PatchMapping(
            path = "/{id}",
            consumes = {MediaType.APPLICATION_JSON_VALUE, "application/merge-patch+json"})
    @Requires.TeamsWrite
    @EntityTagged
    @Operation(operationId = "updateTeam", summary = "Change some fields of a team", description = "JSON merge patch.")
    TeamResponse patch(
            @Parameter(hidden = true) @AuthenticationPrincipal Caller caller,
            @PathVariable long id,
            IfMatch ifMatch,
            @RequestBody JsonNode patch) {
        return teams.replace(
                caller, id, ifMatch, mergePatch.apply(teams.currentState(caller, id), patch, TeamRequest.class));
    }

    @DeleteMapping("/{id}")
    @Requires.TeamsWrite
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(
            operationId = "deleteTeam",
            summary = "Delete a team",
            description = "Its memberships go with it; the staff stay.")
    ResponseEntity<Void> delete(
            @Parameter(hidden = true) @AuthenticationPrincipal Caller caller, @PathVariable long id, IfMatch ifMatch) {
        teams.delete(caller, id, ifMatch);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/{id}/members")
    @Requires.TeamsReadAndStaffRead
    @Operation(
            operationId = "listTeamMembers",
            summary = "List a team's members",
            description = "Active members only unless include_inactive=true.")
    PageResponse<StaffResponse> members(
            @Parameter(hidden = true) @AuthenticationPrincipal Caller caller,
            @PathVariable long id,
            @RequestParam(name = "include_inactive", defaultValue = "false") boolean includeInactive,
            @RequestParam(required = false) Integer page,
            @RequestParam(name = "page_size", required = false) Integer pageSize) {
        return teams.members(caller, id, includeInactive, PageRequest.of(page, pageSize));
    }

    @PostMapping(path = "/{id}/members", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Requires.TeamsWrite
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(
            operationId = "addTeamMembers",
            summary = "Add several members at once",
            description = "All or nothing: an unknown staff id is 400 listing the bad ids, and none is added.")
    ResponseEntity<Void> addMembers(
            @Parameter(hidden = true) @AuthenticationPrincipal Caller caller,
            @PathVariable long id,
            @Valid @RequestBody AddMembersRequest request) {
        teams.addMembers(caller, id, request.staffIds());
        return ResponseEntity.noContent().build();
    }

    @PutMapping("/{id}/members/{staffId}")
    @Requires.TeamsWrite
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(operationId = "addTeamMember", summary = "Add a member", description = "Idempotent.")
    ResponseEntity<Void> addMember(
            @Parameter(hidden = true) @AuthenticationPrincipal Caller caller,
            @PathVariable long id,
            @PathVariable("staffId") long staffId) {
        teams.addMember(caller, id, staffId);
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/{id}/members/{staffId}")
    @Requires.TeamsWrite
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(operationId = "removeTeamMember", summary = "Remove a member", description = "Idempotent.")
    ResponseEntity<Void> removeMember(
            @Parameter(hidden = true) @AuthenticationPrincipal Caller caller,
            @PathVariable long id,
            @PathVariable("staffId") long staffId) {
        teams.removeMember(caller, id, staffId);
        return ResponseEntity.noContent().build();
    }
}
