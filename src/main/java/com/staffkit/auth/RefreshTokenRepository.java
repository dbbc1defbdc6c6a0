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
    private final TokenTable tokens;

    RefreshTokenRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.tokens = new TokenTable(jdbc, "refresh_tokens");
    }

    /** Insert, revocation by family or account, and the purge, shared with the other token table. */
    TokenTable tokens() {
        return tokens;
    }

    Optional<RefreshToken> findForUpdate(byte[] hash) {
        return jdbc.sql("""
                        select t.id, t.family_id, t.staff_id, t.organization_id, t.expires_at, t.used_at, t.revoked_at,
                               s.is_active and (select f.in_force from organization_in_force(o.path) f) and t.session_epoch = s.session_epoch as account_active,
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

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
