package com.staffkit.auth;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class RefreshTokenRepository {

    /** A refresh token and the state of its account, locked so that two refreshes of one token serialize. */
    record RefreshToken(
            long id,
            UUID familyId,
            long staffId,
            long organizationId,
            Instant expiresAt,
            Instant usedAt,
            Instant revokedAt,
            boolean accountActive,
            int sessionEpoch) {}

    private final JdbcClient jdbc;

    RefreshTokenRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(
            byte[] hash,
            UUID familyId,
            long staffId,
            long organizationId,
            int sessionEpoch,
            Instant createdAt,
            Instant expiresAt) {
        jdbc.sql("""
                        insert into refresh_tokens
                            (token_hash, family_id, staff_id, organization_id, session_epoch, created_at, expires_at)
                        values (:hash, :familyId, :staffId, :organizationId, :sessionEpoch, :createdAt, :expiresAt)
                        """)
                .param("sessionEpoch", sessionEpoch)
                .param("hash", hash)
                .param("familyId", familyId)
                .param("staffId", staffId)
                .param("organizationId", organizationId)
                .param("createdAt", Timestamp.from(createdAt))
                .param("expiresAt", Timestamp.from(expiresAt))
                .update();
    }

    Optional<RefreshToken> findForUpdate(byte[] hash) {
        return jdbc.sql("""
                        select t.id, t.family_id, t.staff_id, t.organization_id, t.expires_at, t.used_at, t.revoked_at,
                               s.is_active and o.is_active and t.session_epoch = s.session_epoch as account_active,
                               t.session_epoch
                        from refresh_tokens t
                        join staff s on s.id = t.staff_id
                        join organizations o on o.id = s.organization_id
                        where t.token_hash = :hash
                        for update of t
                        """)
                .param("hash", hash)
                .query((rs, row) -> new RefreshToken(
                        rs.getLong("id"),
                        rs.getObject("family_id", UUID.class),
                        rs.getLong("staff_id"),
                        rs.getLong("organization_id"),
                        rs.getTimestamp("expires_at").toInstant(),
                        instant(rs.getTimestamp("used_at")),
                        instant(rs.getTimestamp("revoked_at")),
                        rs.getBoolean("account_active"),
                        rs.getInt("session_epoch")))
                .optional();
    }

    void markUsed(long id, Instant now) {
        jdbc.sql("update refresh_tokens set used_at = :now where id = :id")
                .param("now", Timestamp.from(now))
                .param("id", id)
                .update();
    }

    void revokeFamily(UUID familyId, Instant now) {
        jdbc.sql("update refresh_tokens set revoked_at = :now where family_id = :familyId and revoked_at is null")
                .param("now", Timestamp.from(now))
                .param("familyId", familyId)
                .update();
    }

    void revokeAllOf(long staffId, Instant now) {
        jdbc.sql("update refresh_tokens set revoked_at = :now where staff_id = :staffId and revoked_at is null")
                .param("now", Timestamp.from(now))
                .param("staffId", staffId)
                .update();
    }

    int deleteExpiredBefore(Instant cutoff) {
        return jdbc.sql("delete from refresh_tokens where expires_at < :cutoff")
                .param("cutoff", Timestamp.from(cutoff))
                .update();
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
