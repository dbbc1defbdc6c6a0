package com.staffkit.audit;

import com.staffkit.common.error.InvalidRequestException;
import com.staffkit.common.error.NotFoundException;
import com.staffkit.common.paging.CursorPage;
import com.staffkit.common.security.Caller;
import com.staffkit.role.Requires;
import com.staffkit.staff.StaffDirectory;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

@RestController
@Tag(name = "Audit")
class AuditController {

    static final int DEFAULT_PAGE_SIZE = 50;
    static final int MAX_PAGE_SIZE = 200;

    private final AuditQueries queries;
    private final StaffDirectory staff;

    AuditController(AuditQueries queries, StaffDirectory staff) {
        this.queries = queries;
        this.staff = staff;
    }

    @GetMapping("/api/v1/audit-events")
    @Requires.AuditRead
    @Operation(
            operationId = "listAuditEvents",
            summary = "List audit events",
            description = "Every change and access event of the organizations you see, newest first. Follow `next`"
                    + " for older events: the pages stay the same while new events arrive.")
    CursorPage<AuditEventResponse> list(
            @Parameter(hidden = true) @AuthenticationPrincipal Caller caller,
            @Parameter(
                            description = "Page size, 1 to 200 (default 50)",
                            schema =
                                    @Schema(
                                            type = "integer",
                                            format = "int32",
                                            minimum = "1",
                                            maximum = "200",
                                            defaultValue = "50"))
                    @RequestParam(name = "page_size", required = false)
                    @Nullable
                    Integer pageSize,
            @Parameter(description = "Where the previous page ended: taken from its next link")
                    @RequestParam(required = false)
                    @Nullable
                    String cursor,
            @ParameterObject AuditEventFilter filter) {
        return page(caller, filter, null, pageSize, cursor);
    }

    @GetMapping("/api/v1/audit-events/{id}")
    @Requires.AuditRead
    @Operation(operationId = "getAuditEvent", summary = "Get one audit event")
    AuditEventResponse get(
            @Parameter(hidden = true) @AuthenticationPrincipal Caller caller,
            @Parameter(description = "The event's id (a UUID)") @PathVariable String id) {
        // Parsed here, after the permission check: what is not an event id names no event.
        UUID eventId;
        try {
            eventId = UUID.fromString(id);
        } catch (IllegalArgumentException ex) {
            throw notFound(id);
        }
        return queries.findById(caller.organizations(), eventId).orElseThrow(() -> notFound(id));
    }

    @GetMapping("/api/v1/staffs/{id}/history")
    @Requires.AuditRead
    @Operation(
            operationId = "getStaffHistory",
            summary = "A staff member's history",
            description = "The audit events with this staff member as target or as actor, newest first; for callers"
                    + " who may read the staff member and hold audit:read.")
    CursorPage<AuditEventResponse> history(
            @Parameter(hidden = true) @AuthenticationPrincipal Caller caller,
            @PathVariable long id,
            @Parameter(
                            description = "Page size, 1 to 200 (default 50)",
                            schema =
                                    @Schema(
                                            type = "integer",
                                            format = "int32",
                                            minimum = "1",
                                            maximum = "200",
                                            defaultValue = "50"))
                    @RequestParam(name = "page_size", required = false)
                    @Nullable
                    Integer pageSize,
            @Parameter(description = "Where the previous page ended: taken from its next link")
                    @RequestParam(required = false)
                    @Nullable
                    String cursor) {
        if (!staff.canRead(caller, id)) {
            throw new NotFoundException("No staff member with id " + id + ".");
        }
        return page(caller, AuditEventFilter.none(), id, pageSize, cursor);
    }

    private CursorPage<AuditEventResponse> page(
            Caller caller,
            AuditEventFilter filter,
            @Nullable Long historyOf,
            @Nullable Integer pageSize,
            @Nullable String cursor) {
        int size = pageSize == null ? DEFAULT_PAGE_SIZE : pageSize;
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw InvalidRequestException.forField("page_size", "must be between 1 and " + MAX_PAGE_SIZE);
        }
        List<AuditEventResponse> found =
                queries.find(caller.organizations(), filter, historyOf, parseCursor(cursor), size + 1);
        if (found.size() <= size) {
            return new CursorPage<>(null, found);
        }
        List<AuditEventResponse> results = found.subList(0, size);
        String next = ServletUriComponentsBuilder.fromCurrentRequest()
                .replaceQueryParam("cursor", results.getLast().id())
                .build()
                .toUriString();
        return new CursorPage<>(next, List.copyOf(results));
    }

    private static @Nullable UUID parseCursor(@Nullable String cursor) {
        if (cursor == null) {
            return null;
        }
        try {
            return UUID.fromString(cursor);
        } catch (IllegalArgumentException ex) {
            throw InvalidRequestException.forField("cursor", "not a cursor of this list; follow the next link");
        }
    }

    private static NotFoundException notFound(String id) {
        return new NotFoundException("No audit event with id " + id + ".");
    }
}
