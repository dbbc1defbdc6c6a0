package com.staffkit.audit;

import com.staffkit.common.error.NotFoundException;
import com.staffkit.common.paging.CursorPage;
import com.staffkit.common.security.Caller;
import com.staffkit.role.Requires;
import com.staffkit.staff.StaffDirectory;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Audit")
class AuditController {

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
            @ParameterObject AuditPage page,
            @ParameterObject AuditEventFilter filter) {
        return page(caller, filter, null, page);
    }

    @GetMapping("/api/v1/audit-events/{id}")
    @Requires.AuditRead
    @Operation(operationId = "getAuditEvent", summary = "Get one audit event")
    AuditEventResponse get(
            @Parameter(hidden = true) @AuthenticationPrincipal Caller caller,
            @Parameter(description = "The event's id (a UUID)") @PathVariable String id) {
        // Parsed here, after the permission check: what is not an event id names no event.
        return AuditEventIds.parse(id)
                .flatMap(eventId -> queries.findById(caller.organizations(), eventId))
                .orElseThrow(() -> new NotFoundException("No audit event with id " + id + "."));
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
            @ParameterObject AuditPage page) {
        if (!staff.canRead(caller, id)) {
            throw new NotFoundException("No staff member with id " + id + ".");
        }
        return page(caller, AuditEventFilter.none(), id, page);
    }

    private CursorPage<AuditEventResponse> page(
            Caller caller, AuditEventFilter filter, @Nullable Long historyOf, AuditPage page) {
        int size = page.size();
        return CursorPage.of(
                queries.find(caller.organizations(), filter, historyOf, page.before(), size + 1),
                size,
                AuditEventResponse::id);
    }
}
