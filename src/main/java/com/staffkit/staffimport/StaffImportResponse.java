package com.staffkit.staffimport;

import com.staffkit.common.paging.PageResponse;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** An import as it stands: its counters so far and a page of its errors. */
@Schema(name = "StaffImport")
record StaffImportResponse(
        @Schema(example = "12") long id,

        @Schema(
                description = "queued, running, succeeded (whatever its failed rows) or failed (see failure_reason)",
                allowableValues = {"queued", "running", "succeeded", "failed"},
                example = "running")
        String status,

        @Schema(
                allowableValues = {"create", "upsert"},
                example = "create")
        String mode,

        @Schema(description = "True when the rows are checked and counted but nothing is stored")
        boolean dryRun,

        @Schema(description = "Why the import failed as a whole; null unless status is failed") @Nullable
        String failureReason,

        @Schema(description = "Data rows in the file (the header not counted)", example = "50000")
        int rowsTotal,

        @Schema(description = "Rows applied so far", example = "12000")
        int rowsDone,

        @Schema(example = "11000") int created,

        @Schema(example = "900") int updated,

        @Schema(description = "Rows of an upsert that matched a staff member and changed nothing", example = "95")
        int unchanged,

        @Schema(description = "Rows refused; errors says why", example = "5")
        int failed,

        Instant createdAt,

        @Nullable Instant startedAt,

        @Nullable Instant finishedAt,

        @Schema(description = "Why rows failed, in line order; page and page_size page through them")
        PageResponse<ImportError> errors) {

    /** One reason a row failed: a row may fail for several columns at once. */
    @Schema(name = "StaffImportError")
    record ImportError(
            @Schema(description = "The row's line in the file; the header is line 1", example = "7")
            long line,

            @Schema(description = "The column at fault; null when the row as a whole is", example = "email") @Nullable
            String column,

            @Schema(example = "must be a well-formed email address")
            String problem) {}
}
