package com.staffkit.staff;

import com.staffkit.common.input.JsonMergePatch;
import com.staffkit.common.paging.PageRequest;
import com.staffkit.common.paging.PageResponse;
import com.staffkit.common.security.Caller;
import com.staffkit.common.web.Created;
import com.staffkit.common.web.EntityTagged;
import com.staffkit.common.web.IfMatch;
import com.staffkit.role.Requires;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.HttpHeaders;
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
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import tools.jackson.databind.JsonNode;

@RestController
@RequestMapping("/api/v1/staffs")
@Tag(name = "Staff")
class StaffController {

    private final GroupedRegistrations registrations;
    private final StaffProfileChanges changes;
    private final StaffReader reader;
    private final StaffStoreAssignments storeAssignments;
    private final JsonMergePatch mergePatch;
    private final StaffExport export;

    StaffController(
            GroupedRegistrations registrations,
            StaffProfileChanges changes,
            StaffReader reader,
            StaffStoreAssignments storeAssignments,
            JsonMergePatch mergePatch,
            StaffExport export) {
        this.registrations = registrations;
        this.changes = changes;
        this.reader = reader;
        this.storeAssignments = storeAssignments;
        this.mergePatch = mergePatch;
        this.export = export;
    }

    @GetMapping
    @Requires.StaffRead
    @Operation(
            operationId = "listStaff",
            summary = "List staff",
            description = "Paginated; active staff only unless include_inactive=true.")
    PageResponse<StaffResponse> list(
            @Parameter(hidden = true) @AuthenticationPrincipal Caller caller,
            @Parameter(description = "Page number, from 1") @RequestParam(required = false) Integer page,
            @Parameter(description = "Page size, 1 to 1000 (default 20)")
                    @RequestParam(name = "page_size", required = false)
                    Integer pageSize,
            @ParameterObject StaffFilter filter,
            @Parameter(
                            description =
                                    "Set by next links in id order: the id of the previous page's last row, after which this"
                                            + " page starts (deep pages cost the same as the first)")
                    @RequestParam(required = false)
                    Long after) {
        return reader.list(caller, filter, PageRequest.of(page, pageSize, after));
    }

    @GetMapping("/{id}")
    @Requires.StaffRead
    @EntityTagged
    @Operation(operationId = "getStaff", summary = "Get one staff member")
    StaffResponse get(@Parameter(hidden = true) @AuthenticationPrincipal Caller caller, @PathVariable long id) {
        return reader.get(caller, id);
    }

    @GetMapping(path = "/export", produces = "text/csv")
    @Requires.StaffRead
    @Operation(
            operationId = "exportStaff",
            summary = "Export staff as CSV",
            description = "The staff the list shows with the same filters, as text/csv (RFC 4180, UTF-8) with the"
                    + " columns first_name, last_name, email, username, remote_id, job_title, phone, time_zone,"
                    + " roles and stores (';'-separated role names and store remote_ids) and is_active; streamed."
                    + " A cell beginning with =, +, -, @, a tab or a carriage return starts with ' so that no"
                    + " spreadsheet runs it as a formula.")
    @ApiResponse(
            responseCode = "200",
            description = "The CSV, header row first",
            content = @Content(mediaType = "text/csv", schema = @Schema(type = "string")))
    ResponseEntity<StreamingResponseBody> export(
            @Parameter(hidden = true) @AuthenticationPrincipal Caller caller, @ParameterObject StaffFilter filter) {
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"staff.csv\"")
                .body(out -> export.write(caller, filter, out));
    }

    @GetMapping("/lookup")
    @Requires.StaffRead
    @EntityTagged
    @Operation(
            operationId = "lookupStaff",
            summary = "Find exactly one staff member by key, email, username or remote_id",
            description = "All given parameters must match; 404 when none or several match.")
    StaffResponse lookup(
            @Parameter(hidden = true) @AuthenticationPrincipal Caller caller, @ParameterObject StaffLookup lookup) {
        return reader.lookup(caller, lookup);
    }

    @GetMapping("/service-user")
    @Requires.StaffRead
    @EntityTagged
    @Operation(
            operationId = "getServiceUser",
            summary = "The organization's service (bot) staff member",
            description = "For automations that need a staff reference. It has the worker role and cannot log in.")
    StaffResponse serviceUser(
            @Parameter(hidden = true) @AuthenticationPrincipal Caller caller,
            @RequestParam(required = false) Long organization) {
        return reader.serviceUser(caller, organization);
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Requires.StaffWrite
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            operationId = "createStaff",
            summary = "Create a staff member",
            description = "With password or generate_password the account is activated; with neither it is pending.")
    ResponseEntity<StaffResponse> create(
            @Parameter(hidden = true) @AuthenticationPrincipal Caller caller,
            @Valid @RequestBody CreateStaffRequest request) {
        StaffResponse created = registrations.create(caller, request);
        URI location = Created.location("/api/v1/staffs/{id}/", created.id());
        return ResponseEntity.created(location).body(created);
    }

    @PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Requires.StaffWrite
    @EntityTagged
    @Operation(
            operationId = "replaceStaff",
            summary = "Replace a staff member",
            description = "Writable fields that are missing become null, empty or their default.")
    StaffResponse replace(
            @Parameter(hidden = true) @AuthenticationPrincipal Caller caller,
            @PathVariable long id,
            IfMatch ifMatch,
            @Valid @RequestBody UpdateStaffRequest request) {
        return changes.replace(caller, id, ifMatch, request);
    }

    @PatchMapping(
            path = "/{id}",
            consumes = {MediaType.APPLICATION_JSON_VALUE, "application/merge-patch+json"})
    @Requires.StaffWrite
    @EntityTagged
    @Operation(
            operationId = "updateStaff",
            summary = "Change some fields of a staff member",
            description = "JSON merge patch: present keys change, null clears. {\"is_active\": true} reactivates.")
    StaffResponse patch(
            @Parameter(hidden = true) @AuthenticationPrincipal Caller caller,
            @PathVariable long id,
            IfMatch ifMatch,
            @RequestBody JsonNode patch) {
        return changes.patch(
                caller, id, ifMatch, current -> mergePatch.apply(current, patch, UpdateStaffRequest.class));
    }

    @PutMapping("/{id}/stores/{storeId}")
    @Requires.StaffWrite
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(operationId = "assignStore", summary = "Assign a store to a staff member", description = "Idempotent.")
    ResponseEntity<Void> assignStore(
            @Parameter(hidden = true) @AuthenticationPrincipal Caller caller,
            @PathVariable long id,
            @PathVariable long storeId) {
        storeAssignments.assign(caller, id, storeId);
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/{id}/stores/{storeId}")
    @Requires.StaffWrite
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(
            operationId = "unassignStore",
            summary = "Unassign a store from a staff member",
            description = "Idempotent.")
    ResponseEntity<Void> unassignStore(
            @Parameter(hidden = true) @AuthenticationPrincipal Caller caller,
            @PathVariable long id,
            @PathVariable long storeId) {
        storeAssignments.unassign(caller, id, storeId);
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/{id}")
    @Requires.StaffDeactivate
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(
            operationId = "deactivateStaff",
            summary = "Deactivate a staff member",
            description = "Never deletes. The account can no longer log in and its tokens stop working at once.")
    ResponseEntity<Void> deactivate(
            @Parameter(hidden = true) @AuthenticationPrincipal Caller caller, @PathVariable long id, IfMatch ifMatch) {
        changes.deactivate(caller, id, ifMatch);
        return ResponseEntity.noContent().build();
    }
}
