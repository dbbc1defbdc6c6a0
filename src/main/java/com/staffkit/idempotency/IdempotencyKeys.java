package com.staffkit.idempotency;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code idempotency_keys} table. Every statement commits on its own (no surrounding
 * transaction), so a claim is visible to every instance before the work it guards begins.
 */
@Repository
class IdempotencyKeys {

    private static final int PURGE_BATCH = 5_000;

    private final JdbcClient jdbc;

    IdempotencyKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One row as the claim sees it. */
    private record Row(
            long id,
            byte[] fingerprint,
            UUID claim,
            Instant claimedAt,
            Instant createdAt,
            @Nullable Instant completedAt,
            @Nullable Integer responseStatus,
            @Nullable String responseLocation,
            @Nullable String responseContentType,
            byte @Nullable [] responseBody) {}

    /**
     * Claims the key for a request with this fingerprint, or says who holds it. A row older than
     * {@code expiredBefore} counts as absent (the purge has not reached it yet); a running claim
     * older than {@code abandonedBefore} is taken over (its instance died or lost the request).
     */
    Claim claim(
            long organizationId,
            String credential,
            IdempotencyKey key,
            byte[] fingerprint,
            Instant now,
            Instant expiredBefore,
            Instant abandonedBefore) {
        // Two rounds at most race with a release or a takeover; a third is not worth waiting for.
        for (int attempt = 0; attempt < 3; attempt++) {
            UUID token = UUID.randomUUID();
            Optional<Long> inserted = jdbc.sql("""
                            insert into idempotency_keys
                                (organization_id, credential, idempotency_key, fingerprint, claim, claimed_at, created_at)
                            values (:organization, :credential, :key, :fingerprint, :claim, :now, :now)
                            on conflict (organization_id, credential, idempotency_key) do nothing
                            returning id""")
                    .param("organization", organizationId)
                    .param("credential", credential)
                    .param("key", key.value())
                    .param("fingerprint", fingerprint)
                    .param("claim", token)
                    .param("now", Timestamp.from(now))
                    .query(Long.class)
                    .optional();
            if (inserted.isPresent()) {
                return new Claim.Held(inserted.get(), token);
            }
            Optional<Row> found = find(organizationId, credential, key);
            if (found.isEmpty()) {
                continue; // released between the insert and the read: claim it afresh
            }
            Row row = found.get();
            boolean expired = row.createdAt().isBefore(expiredBefore);
            if (!expired && !Arrays.equals(row.fingerprint(), fingerprint)) {
                return new Claim.OtherRequest();
            }
            if (!expired && row.completedAt() != null) {
                return new Claim.Completed(new KeptResponse(
                        row.responseStatus(),
                        row.responseLocation(),
                        row.responseContentType(),
                        row.responseBody() == null ? new byte[0] : row.responseBody()));
            }
            if (!expired && !row.claimedAt().isBefore(abandonedBefore)) {
                return new Claim.Running();
            }
            if (takeOver(row, fingerprint, token, now)) {
                return new Claim.Held(row.id(), token);
            }
            // Another request took it over first; look again.
        }
        return new Claim.Running();
    }

    private Optional<Row> find(long organizationId, String credential, IdempotencyKey key) {
        return jdbc.sql("""
                        select id, fingerprint, claim, claimed_at, created_at, completed_at,
                               response_status, response_location, response_content_type, response_body
                        from idempotency_keys
                        where organization_id = :organization and credential = :credential and idempotency_key = :key""")
                .param("organization", organizationId)
                .param("credential", credential)
                .param("key", key.value())
                .query((rs, n) -> new Row(
                        rs.getLong("id"),
                        rs.getBytes("fingerprint"),
                        rs.getObject("claim", UUID.class),
                        rs.getTimestamp("claimed_at").toInstant(),
                        rs.getTimestamp("created_at").toInstant(),
                        instant(rs.getTimestamp("completed_at")),
                        (Integer) rs.getObject("response_status"),
                        rs.getString("response_location"),
                        rs.getString("response_content_type"),
                        rs.getBytes("response_body")))
                .optional();
    }

    /** Succeeds only if nobody changed the row since it was read (its claim token is the version). */
    private boolean takeOver(Row row, byte[] fingerprint, UUID token, Instant now) {
        return jdbc.sql("""
                        update idempotency_keys
                        set fingerprint = :fingerprint, claim = :claim, claimed_at = :now, created_at = :now,
                            completed_at = null, response_status = null, response_location = null,
                            response_content_type = null, response_body = null
                        where id = :id and claim = :previous""")
                        .param("fingerprint", fingerprint)
                        .param("claim", token)
                        .param("now", Timestamp.from(now))
                        .param("id", row.id())
                        .param("previous", row.claim())
                        .update()
                == 1;
    }

    /** Keeps the answer of the request that holds the claim; false if the claim was lost meanwhile. */
    boolean complete(Claim.Held claim, KeptResponse response, Instant now) {
        return jdbc.sql("""
                        update idempotency_keys
                        set completed_at = :now, response_status = :status, response_location = :location,
                            response_content_type = :contentType, response_body = :body
                        where id = :id and claim = :claim and completed_at is null""")
                        .param("now", Timestamp.from(now))
                        .param("status", response.status())
                        .param("location", response.location())
                        .param("contentType", response.contentType())
                        .param("body", response.body())
                        .param("id", claim.id())
                        .param("claim", claim.token())
                        .update()
                == 1;
    }

    /** Gives the key back so a retry does the work afresh. */
    void release(Claim.Held claim) {
        jdbc.sql("delete from idempotency_keys where id = :id and claim = :claim and completed_at is null")
                .param("id", claim.id())
                .param("claim", claim.token())
                .update();
    }

    /** Deletes keys created before the cutoff, a batch at a time so no statement holds many locks. */
    int purgeCreatedBefore(Instant cutoff) {
        int total = 0;
        int deleted;
        do {
            deleted = jdbc.sql("""
                            delete from idempotency_keys where id in (
                                select id from idempotency_keys where created_at < :cutoff
                                order by created_at limit :batch)""")
                    .param("cutoff", Timestamp.from(cutoff))
                    .param("batch", PURGE_BATCH)
                    .update();
            total += deleted;
        } while (deleted == PURGE_BATCH);
        return total;
    }

    private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
