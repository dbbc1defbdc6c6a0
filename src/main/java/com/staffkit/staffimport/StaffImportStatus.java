package com.staffkit.staffimport;

import com.staffkit.common.error.NotFoundException;
import com.staffkit.common.paging.PageRequest;
import com.staffkit.common.security.Caller;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/** An import as its caller may see it: one of its organizations', else 404. */
@Service
class StaffImportStatus {

    private final StaffImports imports;

    StaffImportStatus(StaffImports imports) {
        this.imports = imports;
    }

    // One snapshot: the counters and the errors of the same chunks.
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    StaffImportResponse get(Caller caller, long id, PageRequest errorsPage) {
        StaffImports.ImportRow found = imports.find(id, caller.organizations())
                .orElseThrow(() -> new NotFoundException("No import with id " + id + "."));
        return new StaffImportResponse(
                found.id(),
                found.status().code(),
                found.mode().code(),
                found.dryRun(),
                found.failureReason(),
                found.rowsTotal(),
                found.rowsDone(),
                found.created(),
                found.updated(),
                found.unchanged(),
                found.failed(),
                found.createdAt(),
                found.startedAt(),
                found.finishedAt(),
                errorsPage.fetch(
                        (limit, offset) -> found.errorCount() == 0 ? List.of() : imports.errors(id, limit, offset),
                        found::errorCount,
                        error -> new StaffImportResponse.ImportError(error.line(), error.column(), error.problem())));
    }
}
