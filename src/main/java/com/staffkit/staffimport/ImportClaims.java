package com.staffkit.staffimport;

import com.staffkit.common.web.RequestOrigin;
import com.staffkit.staff.StaffImportRows.RowError;
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
 * A worker's side of {@code staff_imports} (V38): claiming an import under a lease, holding it for
 * a chunk's transaction, consuming its chunks with their outcome, and ending, retrying or handing
 * it over. Leases are on the database's clock, which every instance shares.
 */
@Repository
class ImportClaims {

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

    private final JdbcClient jdbc;

    ImportClaims(JdbcClient jdbc) {
        this.jdbc = jdbc;
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
}
