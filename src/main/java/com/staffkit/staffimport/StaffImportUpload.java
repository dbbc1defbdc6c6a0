package com.staffkit.staffimport;

import com.staffkit.common.error.InvalidRequestException;
import com.staffkit.common.paging.PageRequest;
import com.staffkit.common.security.Caller;
import com.staffkit.common.web.RequestOrigin;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Takes an uploaded staff CSV: reads it as it arrives and stores its rows in chunks of up to
 * {@link #CHUNK_ROWS} (one insert each), all in one transaction with the queued import, so a file
 * that turns out unreadable halfway leaves nothing behind and a worker never sees half a file. What
 * is in memory at any time is one chunk.
 */
@Service
class StaffImportUpload {

    /** Rows per chunk: a chunk is one insert here, and one transaction when the import runs. */
    static final int CHUNK_ROWS = 1000;

    /** A chunk ends sooner when its cells reach this many characters, so memory stays bounded by it. */
    static final int CHUNK_CHARS = 4 * 1024 * 1024;

    /** Said when an import is queued; the worker of this instance starts on it once it is committed. */
    record Queued(long importId) {}

    private final StaffImports imports;
    private final StaffImportStatus status;
    private final JsonMapper json;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    StaffImportUpload(
            StaffImports imports,
            StaffImportStatus status,
            JsonMapper json,
            ApplicationEventPublisher events,
            Clock clock) {
        this.imports = imports;
        this.status = status;
        this.json = json;
        this.events = events;
        this.clock = clock;
    }

    /** Stores the file's rows and queues the import; answers as {@code GET} would show it. */
    @Transactional
    StaffImportResponse upload(Caller caller, ImportMode mode, boolean dryRun, InputStream body) throws IOException {
        try (ImportCsv csv = ImportCsv.open(body)) {
            long id = imports.insert(new StaffImports.NewImport(
                    caller.organizationId(),
                    caller.staffId(),
                    caller.apiKeyId(),
                    mode,
                    dryRun,
                    csv.columns(),
                    RequestOrigin.current(),
                    clock.instant()));
            long rows = 0;
            int chunk = 0;
            List<Object> pending = new ArrayList<>();
            long pendingChars = 0;
            for (ImportCsv.Row row = csv.next(); row != null; row = csv.next()) {
                pending.add(List.of(row.line(), row.cells()));
                pendingChars += row.cells().stream().mapToLong(String::length).sum();
                rows++;
                if (pending.size() == CHUNK_ROWS || pendingChars >= CHUNK_CHARS) {
                    imports.insertChunk(id, caller.organizationId(), chunk++, json.writeValueAsString(pending));
                    pending.clear();
                    pendingChars = 0;
                }
            }
            if (rows == 0) {
                throw InvalidRequestException.forField("body", "the file has a header but no rows");
            }
            if (!pending.isEmpty()) {
                imports.insertChunk(id, caller.organizationId(), chunk, json.writeValueAsString(pending));
            }
            imports.setRowsTotal(id, rows);
            events.publishEvent(new Queued(id));
            return status.get(caller, id, PageRequest.of(null, null));
        }
    }
}
