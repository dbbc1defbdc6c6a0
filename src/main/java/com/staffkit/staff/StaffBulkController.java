package com.staffkit.staff;

import com.staffkit.common.security.Caller;
import com.staffkit.role.Requires;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
@RequestMapping("/api/v1/staffs/bulk")
@Tag(name = "Staff")
class StaffBulkController {

    private static final String ATOMIC = "All or nothing: the first failing item's problem (status, and its index as"
            + " `index`) is the answer and nothing is stored. Default false: each item on its own.";

    private final StaffBulk bulk;
    private final StaffBulkRequests requests;

    StaffBulkController(StaffBulk bulk, StaffBulkRequests requests) {
        this.bulk = bulk;
        this.requests = requests;
    }

    @Schema(name = "StaffBulkCreate")
    record CreateItems(
            @NotNull @ArraySchema(maxItems = StaffBulk.MAX_ITEMS)
            List<CreateStaffRequest> items) {}

    /** Named ...Patch, so the merge-patch pass of the document leaves it as it is. */
    @Schema(name = "StaffBulkPatch")
    record ChangeItems(
            @NotNull
            @ArraySchema(
                    maxItems = StaffBulk.MAX_ITEMS,
                    schema = @Schema(ref = "#/components/schemas/" + StaffBulkApiDocument.ITEM))
            List<Object> items) {}

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Requires.StaffWrite
    @Operation(
            operationId = "createStaffInBulk",
            summary = "Create up to 1,000 staff members in one request",
            description = "Each item is a createStaff body and is created or refused on its own: results lists, in"
                    + " request order, each item's index and the status a single create would have answered (201)"
                    + " with the staff member, or that status with its problem. More than 1,000 items: 413.")
    StaffBulkResponse create(
            @Parameter(hidden = true) @AuthenticationPrincipal Caller caller,
            @Parameter(description = ATOMIC) @RequestParam(required = false, defaultValue = "false") boolean atomic,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            content = @Content(schema = @Schema(implementation = CreateItems.class)))
                    @RequestBody
                    JsonNode body) {
        return StaffBulkResponse.of(bulk.create(caller, requests.creates(body), atomic));
    }

    @PatchMapping(consumes = {MediaType.APPLICATION_JSON_VALUE, "application/merge-patch+json"})
    @Requires.StaffWrite
    @Operation(
            operationId = "updateStaffInBulk",
            summary = "Change up to 1,000 staff members in one request",
            description = "Each item is the staff member's id and an updateStaff merge patch of its other fields,"
                    + " applied or refused on its own: results lists, in request order, each item's index and the"
                    + " status a single update would have answered (200) with the staff member, or that status"
                    + " with its problem. More than 1,000 items: 413.")
    StaffBulkResponse update(
            @Parameter(hidden = true) @AuthenticationPrincipal Caller caller,
            @Parameter(description = ATOMIC) @RequestParam(required = false, defaultValue = "false") boolean atomic,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            content = @Content(schema = @Schema(implementation = ChangeItems.class)))
                    @RequestBody
                    JsonNode body) {
        return StaffBulkResponse.of(bulk.change(caller, requests.changes(body), atomic));
    }
}
