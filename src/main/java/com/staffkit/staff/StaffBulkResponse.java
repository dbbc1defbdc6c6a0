package com.staffkit.staff;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ProblemDetail;

/** A bulk request's answer: one result per item, in request order. */
@Schema(name = "StaffBulkResponse")
record StaffBulkResponse(List<Result> results) {

    static StaffBulkResponse of(List<StaffBulk.Outcome> outcomes) {
        return new StaffBulkResponse(outcomes.stream()
                .map(outcome -> new Result(
                        outcome.index(),
                        outcome.status(),
                        outcome.staff(),
                        outcome.problem() == null ? null : outcome.problem().getBody()))
                .toList());
    }

    /** An item's status as a single request would have answered, and its staff member or its problem. */
    @Schema(name = "StaffBulkResult")
    record Result(
            @Schema(description = "The item's position in the request, from 0")
            int index,

            @Schema(description = "201 created, 200 changed, else the status of the item's problem", example = "201")
            int status,

            @Schema(description = "The staff member as created or changed; absent when the item failed")
            @JsonInclude(JsonInclude.Include.NON_NULL)
            @Nullable
            StaffResponse staff,

            @Schema(ref = "#/components/schemas/Problem", description = "Why the item failed; absent when it succeeded")
            @JsonInclude(JsonInclude.Include.NON_NULL)
            @Nullable
            ProblemDetail problem) {}
}
