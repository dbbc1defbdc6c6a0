package com.staffkit.staffimport;

import com.staffkit.common.persistence.ScopeSql;
import com.staffkit.common.security.Scope;
import com.staffkit.common.web.RequestOrigin;
import com.staffkit.staff.StaffImportRows.RowError;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The tables of imports: {@code staff_imports}, the chunks of rows not applied yet and the errors
 * of failed rows (V38). Leases are on the database's clock, which every instance shares.
 */
@Repository
class StaffImports {

    /** An import as uploaded, before its rows. */
    record NewImport(
            long organizationId,
            @Nullable Long staffId,
            @Nullable Long apiKeyId,
            ImportMode mode,
            boolean dryRun,
            List<String> columns,
            RequestOrigin origin,
            Instant createdAt) {}

    /** An import as its status shows it. */
    record ImportRow(
            long id,
            ImportMode mode,
            boolean dryRun,
            ImportStatus status,
            @Nullable String failureReason,
            int rowsTotal,
            int rowsDone,
            int created,
            int updated,
            int unchanged,
            int failed,
            int errorCount,
            Instant createdAt,
            @Nullable Instant startedAt,
            @Nullable Instant finishedAt) {}

    /** An import a worker claimed, with what it needs to run it as its uploader. */
    record Claimed(
            long id,
            long organizationId,
            @Nullable Long staffId,
            @Nullable Long apiKeyId,
            ImportMode mode,
            boolean dryRun,
            List<String> columns,
            RequestOrigin origin,
            UUID claim) {}

    /** The rows of one chunk as stored: {@code [[line, [cell, ...]], ...]}. */
    record Chunk(int number, String rows) {}

    /** What a chunk's rows came to. */
    record Tally(int rows, int created, int updated, int unchanged, int failed) {}

    private static final String IN_SCOPE = ScopeSql.predicate("i.organization_id", "orgs");

    private final JdbcClient jdbc;

    StaffImports(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(NewImport i) {
        return jdbc.sql("""
                        insert into staff_imports (organization_id, staff_id, api_key_id, mode, dry_run, columns,
                                                   status, rows_total, request_id, client_address, user_agent,
                                                   created_at)
                        values (:organizationId, :staffId, :apiKeyId, :mode, :dryRun, :columns,
                                'queued', 0, :requestId, :clientAddress, :userAgent, :createdAt)
                        returning id
                        """)
                .param("organizationId", i.organizationId())
                .param("staffId", i.staffId(), Types.BIGINT)
                .param("apiKeyId", i.apiKeyId(), Types.BIGINT)
                .param("mode", i.mode().code())
                .param("dryRun", i.dryRun())
                .param("columns", i.columns().toArray(String[]::new))
                .param("requestId", i.origin().requestId())
                .param("clientAddress", i.origin().clientAddress(), Types.VARCHAR)
                .param("userAgent", i.origin().userAgent(), Types.VARCHAR)
                .param("createdAt", Timestamp.from(i.createdAt()))
                .query(Long.class)
                .single();
    }

    /** One chunk of rows, as {@link Chunk#rows()} describes them, in one statement. */
    void insertChunk(long importId, long organizationId, int number, String rows) {
        jdbc.sql("""
                        insert into staff_import_chunks (import_id, chunk, organization_id, rows)
                        values (:importId, :chunk, :organizationId, cast(:rows as jsonb))
                        """)
                .param("importId", importId)
                .param("chunk", number)
                .param("organizationId", organizationId)
                .param("rows", rows)
                .update();
    }

    void setRowsTotal(long id, long rows) {
        jdbc.sql("update staff_imports set rows_total = :rows where id = :id")
                .param("rows", rows)
                .param("id", id)
                .update();
    }

    Optional<ImportRow> find(long id, Scope<Long> organizations) {
        return jdbc.sql("select i.* from staff_imports i where i.id = :id and " + IN_SCOPE)
                .param("id", id)
                .params(ScopeSql.params("orgs", organizations))
                .query(StaffImports::importRow)
                .optional();
    }

    /** A page of an import's errors in line order (and within a line, as they were found). */
    List<RowError> errors(long importId, int limit, long offset) {
        return jdbc.sql("""
                        select line, column_name, problem from staff_import_errors
                        where import_id = :importId
                        order by line, id
                        limit :limit offset :offset
                        """)
                .param("importId", importId)
                .param("limit", limit)
                .param("offset", offset)
                .query((rs, row) ->
                        new RowError(rs.getLong("line"), rs.getString("column_name"), rs.getString("problem")))
                .list();
    }

    /**
     * Claims the oldest import that is queued, or running under a lease that ran out (its instance
     * died or gave it up): {@code SKIP LOCKED} passes over an import another instance is claiming, or
     * whose chunk is being applied right now (that transaction holds its row), so no two workers
     * ever run one import.
     */
    Optional<Claimed> claim(UUID claim, Duration lease, Instant now) {
        return jdbc.sql("""
                        update staff_imports i
                        set status = 'running', claim = :claim, lease_until = now() + make_interval(secs => :lease),
                            started_at = coalesce(i.started_at, :now)
                        from (select id from staff_imports
                              where status = 'queued' or (status = 'running' and lease_until < now())
                              order by id
                              limit 1
                              for update skip locked) next
                        where i.id = next.id
                        returning i.id, i.organization_id, i.staff_id, i.api_key_id, i.mode, i.dry_run, i.columns,
                                  i.request_id, i.client_address, i.user_agent
                        """)
                .param("claim", claim)
                .param("lease", (double) lease.toMillis() / 1000)
                .param("now", Timestamp.from(now))
                .query((rs, row) -> new Claimed(
                        rs.getLong("id"),
                        rs.getLong("organization_id"),
                        rs.getObject("staff_id", Long.class),
                        rs.getObject("api_key_id", Long.class),
                        ImportMode.of(rs.getString("mode")),
                        rs.getBoolean("dry_run"),
                        List.of((String[]) rs.getArray("columns").getArray()),
                        new RequestOrigin(
                                rs.getString("request_id"), rs.getString("client_address"), rs.getString("user_agent")),
                        claim))
                .optional();
    }

    /**
     * Locks the import for the current transaction if this claim still holds it: until the
     * transaction ends nobody else can claim it, and a claim that was taken over answers false.
     */
    boolean lockIfHeld(long id, UUID claim) {
        return jdbc.sql(
                        "select 1 from staff_imports where id = :id and claim = :claim and status = 'running' for update")
                .param("id", id)
                .param("claim", claim)
                .query(Integer.class)
                .optional()
                .isPresent();
    }

    Optional<Chunk> firstChunk(long importId) {
        return jdbc.sql("""
                        select chunk, rows::text as rows from staff_import_chunks
                        where import_id = :importId
                        order by chunk
                        limit 1
                        """)
                .param("importId", importId)
                .query((rs, row) -> new Chunk(rs.getInt("chunk"), rs.getString("rows")))
                .optional();
    }

    /**
     * A chunk applied: its outcome added to the counters, its errors kept, the chunk itself gone
     * (its rows hold personal data no longer needed) and the lease renewed, in the chunk's transaction.
     */
    void chunkDone(long importId, long organizationId, int chunk, Tally tally, List<RowError> errors, Duration lease) {
        jdbc.sql("""
                        update staff_imports
                        set rows_done = rows_done + :rows, created = created + :created, updated = updated + :updated,
                            unchanged = unchanged + :unchanged, failed = failed + :failed,
                            error_count = error_count + :errors, attempts = 0,
                            lease_until = now() + make_interval(secs => :lease)
                        where id = :id
                        """)
                .param("rows", tally.rows())
                .param("created", tally.created())
                .param("updated", tally.updated())
                .param("unchanged", tally.unchanged())
                .param("failed", tally.failed())
                .param("errors", errors.size())
                .param("lease", (double) lease.toMillis() / 1000)
                .param("id", importId)
                .update();
        if (!errors.isEmpty()) {
            jdbc.sql("""
                            insert into staff_import_errors (import_id, organization_id, line, column_name, problem)
                            select :importId, :organizationId, e.line, e.column_name, e.problem
                            from unnest(cast(:lines as bigint[]), cast(:columns as text[]), cast(:problems as text[]))
                                 as e(line, column_name, problem)
                            """)
                    .param("importId", importId)
                    .param("organizationId", organizationId)
                    .param("lines", errors.stream().map(RowError::line).toArray(Long[]::new))
                    .param("columns", errors.stream().map(RowError::column).toArray(String[]::new))
                    .param("problems", errors.stream().map(RowError::problem).toArray(String[]::new))
                    .update();
        }
        jdbc.sql("delete from staff_import_chunks where import_id = :importId and chunk = :chunk")
                .param("importId", importId)
                .param("chunk", chunk)
                .update();
    }

    void succeed(long id, Instant now) {
        finish(id, ImportStatus.SUCCEEDED, null, now);
    }

    /** Ends the import as failed: its remaining rows are dropped, its counters and errors kept. */
    void fail(long id, String reason, Instant now) {
        finish(id, ImportStatus.FAILED, reason, now);
        jdbc.sql("delete from staff_import_chunks where import_id = :id")
                .param("id", id)
                .update();
    }

    private void finish(long id, ImportStatus status, @Nullable String reason, Instant now) {
        jdbc.sql("""
                        update staff_imports
                        set status = :status, failure_reason = :reason, finished_at = :now, claim = null,
                            lease_until = null
                        where id = :id
                        """)
                .param("status", status.code())
                .param("reason", reason, Types.VARCHAR)
                .param("now", Timestamp.from(now))
                .param("id", id)
                .update();
    }

    /**
     * A chunk's transaction failed: counted, and the import left to be claimed again after
     * {@code wait}. Returns the failures in a row, or 0 when the claim no longer holds.
     */
    int attemptFailed(long id, UUID claim, Duration wait) {
        return jdbc.sql("""
                        update staff_imports set attempts = attempts + 1,
                                                 lease_until = now() + make_interval(secs => :wait)
                        where id = :id and claim = :claim and status = 'running'
                        returning attempts
                        """)
                .param("wait", (double) wait.toMillis() / 1000)
                .param("id", id)
                .param("claim", claim)
                .query(Integer.class)
                .optional()
                .orElse(0);
    }

    /** Gives the import up (this instance is stopping): any instance may claim it at once. */
    void release(long id, UUID claim) {
        jdbc.sql(
                        "update staff_imports set lease_until = now() where id = :id and claim = :claim and status = 'running'")
                .param("id", id)
                .param("claim", claim)
                .update();
    }

    /** Deletes imports that finished before {@code cutoff}, with their errors. */
    int deleteFinishedBefore(Instant cutoff) {
        return jdbc.sql("delete from staff_imports where finished_at < :cutoff")
                .param("cutoff", Timestamp.from(cutoff))
                .update();
    }

    private static ImportRow importRow(ResultSet rs, int row) throws SQLException {
        return new ImportRow(
                rs.getLong("id"),
                ImportMode.of(rs.getString("mode")),
                rs.getBoolean("dry_run"),
                ImportStatus.of(rs.getString("status")),
                rs.getString("failure_reason"),
                rs.getInt("rows_total"),
                rs.getInt("rows_done"),
                rs.getInt("created"),
                rs.getInt("updated"),
                rs.getInt("unchanged"),
                rs.getInt("failed"),
                rs.getInt("error_count"),
                instant(rs.getTimestamp("created_at")),
                nullableInstant(rs.getTimestamp("started_at")),
                nullableInstant(rs.getTimestamp("finished_at")));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp.toInstant();
    }

    private static @Nullable Instant nullableInstant(@Nullable Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
