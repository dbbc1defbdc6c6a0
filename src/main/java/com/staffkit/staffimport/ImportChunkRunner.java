package com.staffkit.staffimport;

import com.staffkit.auth.CallerLookup;
import com.staffkit.common.security.Caller;
import com.staffkit.common.web.RequestOrigin;
import com.staffkit.role.Permissions;
import com.staffkit.staff.StaffImportRows;
import com.staffkit.staff.StaffImportRows.Outcome;
import com.staffkit.staff.StaffImportRows.Row;
import com.staffkit.staff.StaffImportRows.RowError;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Applies an import's next chunk in one transaction, which also records the outcome and deletes
 * the chunk: a chunk is applied exactly once, and a crash loses at most the chunk in flight, which
 * the next claim applies again from the start. The transaction first locks the import under its
 * claim, so nobody can claim it meanwhile, and rebuilds the uploader's caller, so a deactivated
 * uploader or a revoked key stops the import, and narrowed permissions hold from the next chunk.
 */
@Component
class ImportChunkRunner {

    /** What became of one attempt at the next chunk. */
    enum Step {
        /** A chunk was applied; more may follow. */
        APPLIED,
        /** The import ended (succeeded or failed). */
        ENDED,
        /** Another worker holds the import now (this claim's lease ran out). */
        LOST
    }

    private final ImportClaims claims;
    private final StaffImportRows rows;
    private final CallerLookup callers;
    private final StaffImportProperties properties;
    private final TransactionTemplate transactions;
    private final EntityManager entityManager;
    private final DataSource dataSource;
    private final JsonMapper json;
    private final Clock clock;

    ImportChunkRunner(
            ImportClaims claims,
            StaffImportRows rows,
            CallerLookup callers,
            StaffImportProperties properties,
            TransactionTemplate transactions,
            EntityManager entityManager,
            DataSource dataSource,
            JsonMapper json,
            Clock clock) {
        this.claims = claims;
        this.rows = rows;
        this.callers = callers;
        this.properties = properties;
        this.transactions = transactions;
        this.entityManager = entityManager;
        this.dataSource = dataSource;
        this.json = json;
        this.clock = clock;
    }

    Step runNext(ImportClaims.Claimed claimed) {
        Step step = transactions.execute(status -> {
            if (!claims.lockIfHeld(claimed.id(), claimed.claim())) {
                return Step.LOST;
            }
            Optional<ImportClaims.Chunk> chunk = claims.firstChunk(claimed.id());
            if (chunk.isEmpty()) {
                claims.succeed(claimed.id(), clock.instant());
                return Step.ENDED;
            }
            Optional<Caller> caller = uploader(claimed);
            if (caller.isEmpty()) {
                claims.fail(claimed.id(), refusal(claimed), clock.instant());
                return Step.ENDED;
            }
            apply(claimed, caller.get(), chunk.get());
            return Step.APPLIED;
        });
        return step == null ? Step.LOST : step;
    }

    /** Ends the import as failed, if this claim still holds it. */
    void giveUp(ImportClaims.Claimed claimed, String reason) {
        transactions.executeWithoutResult(status -> {
            if (claims.lockIfHeld(claimed.id(), claimed.claim())) {
                claims.fail(claimed.id(), reason, clock.instant());
            }
        });
    }

    /** The uploader as a request of theirs would be now, if they may still write staff. */
    private Optional<Caller> uploader(ImportClaims.Claimed claimed) {
        Long staffId = claimed.staffId();
        Optional<Caller> caller =
                staffId != null ? callers.staff(staffId) : callers.apiKey(Objects.requireNonNull(claimed.apiKeyId()));
        return caller.filter(found -> found.has(Permissions.STAFF_WRITE));
    }

    private static String refusal(ImportClaims.Claimed claimed) {
        return claimed.staffId() != null
                ? "The staff member who uploaded the file can no longer write staff (deactivated, their"
                        + " organization inactive, or the permission staff:write withdrawn); the rows not yet"
                        + " imported were dropped."
                : "The API key that uploaded the file can no longer write staff (revoked, expired, its creator"
                        + " deactivated, or the permission staff:write withdrawn); the rows not yet imported were"
                        + " dropped.";
    }

    private void apply(ImportClaims.Claimed claimed, Caller caller, ImportClaims.Chunk chunk) {
        List<Row> valid = new ArrayList<>();
        List<RowError> errors = new ArrayList<>();
        int total = 0;
        for (JsonNode stored : json.readTree(chunk.rows())) {
            total++;
            long line = stored.get(0).asLong();
            JsonNode cells = stored.get(1);
            if (cells.size() != claimed.columns().size()) {
                errors.add(new RowError(
                        line,
                        null,
                        "has " + cells.size() + " cells; the header names "
                                + claimed.columns().size() + " columns"));
                continue;
            }
            Map<String, String> byColumn = new LinkedHashMap<>();
            for (int i = 0; i < cells.size(); i++) {
                byColumn.put(claimed.columns().get(i), cells.get(i).asString());
            }
            valid.add(new Row(line, byColumn));
        }
        Outcome outcome = valid.isEmpty()
                ? new Outcome(0, 0, 0, 0, List.of())
                : RequestOrigin.callAs(claimed.origin(), () -> applyRows(claimed, caller, valid));
        errors.addAll(outcome.errors());
        errors.sort(Comparator.comparingLong(RowError::line));
        int misshapen = total - valid.size();
        claims.chunkDone(
                claimed.id(),
                claimed.organizationId(),
                chunk.number(),
                new ImportClaims.Tally(
                        total, outcome.created(), outcome.updated(), outcome.unchanged(), outcome.failed() + misshapen),
                errors,
                properties.lease());
    }

    /**
     * Through the staff write path as the uploader. A dry run does the same work up to the
     * database (rules, uniqueness, the flush) after a savepoint and rolls back to it: its counters and
     * errors are what a real run of this chunk would give, and nothing of it is stored. The savepoint
     * is the JDBC connection's own: Spring allows none under JPA, because rolling back to one leaves
     * the entity manager holding what was undone, which is why it is flushed before and cleared after.
     */
    private Outcome applyRows(ImportClaims.Claimed claimed, Caller caller, List<Row> valid) {
        if (!claimed.dryRun()) {
            return rows.apply(caller, claimed.mode().rows(), valid);
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        Savepoint savepoint = savepoint(connection);
        try {
            Outcome outcome = rows.apply(caller, claimed.mode().rows(), valid);
            entityManager.flush();
            return outcome;
        } finally {
            rollBack(connection, savepoint);
            entityManager.clear();
        }
    }

    private static Savepoint savepoint(Connection connection) {
        try {
            return connection.setSavepoint();
        } catch (SQLException ex) {
            throw new IllegalStateException("A dry run needs a savepoint", ex);
        }
    }

    private static void rollBack(Connection connection, Savepoint savepoint) {
        try {
            connection.rollback(savepoint);
        } catch (SQLException ex) {
            throw new IllegalStateException("A dry run could not roll back to its savepoint", ex);
        }
    }
}
