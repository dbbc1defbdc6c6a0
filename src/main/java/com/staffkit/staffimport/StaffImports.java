package com.staffkit.staffimport;

import com.staffkit.common.persistence.ScopeSql;
import com.staffkit.common.security.Scope;
import com.staffkit.common.web.RequestOrigin;
import com.staffkit.staff.StaffImportRows.RowError;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The tables of imports (V38) as an upload writes them and a status reads them: {@code
 * staff_imports}, the chunks of rows not applied yet and the errors of failed rows. How a worker
 * claims and works through an import is {@link ImportClaims}.
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
