package com.staffkit.auth;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the access and refresh token tables share: tokens issued per session family under the
 * account's session epoch, revoked together, purged once long expired. Only hashes are stored.
 */
final class TokenTable {

    private final JdbcClient jdbc;
    /** A constant of the repositories, never input. */
    private final String table;

    TokenTable(JdbcClient jdbc, String table) {
        this.jdbc = jdbc;
        this.table = table;
    }

    void insert(
            byte[] hash,
            UUID familyId,
            long staffId,
            long organizationId,
            int sessionEpoch,
            Instant createdAt,
            Instant expiresAt) {
        jdbc.sql(
                        "insert into " + table
                                + " (token_hash, family_id, staff_id, organization_id, session_epoch, created_at, expires_at)"
                                + " values (:hash, :familyId, :staffId, :organizationId, :sessionEpoch, :createdAt, :expiresAt)")
                .param("hash", hash)
                .param("familyId", familyId)
                .param("staffId", staffId)
                .param("organizationId", organizationId)
                .param("sessionEpoch", sessionEpoch)
                .param("createdAt", Timestamp.from(createdAt))
                .param("expiresAt", Timestamp.from(expiresAt))
                .update();
    }

    void revokeFamily(UUID familyId, Instant now) {
        jdbc.sql("update " + table + " set revoked_at = :now where family_id = :familyId and revoked_at is null")
                .param("now", Timestamp.from(now))
                .param("familyId", familyId)
                .update();
    }

    /** Returns how many were still in force. */
    int revokeAllOf(long staffId, Instant now) {
        return jdbc.sql("update " + table + " set revoked_at = :now where staff_id = :staffId and revoked_at is null")
                .param("now", Timestamp.from(now))
                .param("staffId", staffId)
                .update();
    }

    int deleteExpiredBefore(Instant cutoff) {
        return jdbc.sql("delete from " + table + " where expires_at < :cutoff")
                .param("cutoff", Timestamp.from(cutoff))
                .update();
    }
}
