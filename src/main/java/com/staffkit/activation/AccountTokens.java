package com.staffkit.activation;

import com.staffkit.common.security.Secrets;
import com.staffkit.staff.AccountSummary;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Single-use mailed tokens: 256 random bits for the email, only their SHA-256 in the database. */
@Repository
class AccountTokens {

    static final String ACTIVATION = "activation";
    static final String PASSWORD_RESET = "password_reset";

    record Token(long id, long staffId, long organizationId, Instant expiresAt, Instant usedAt, Instant invalidatedAt) {

        boolean usable(Instant now) {
            return usedAt == null && invalidatedAt == null && expiresAt.isAfter(now);
        }
    }

    private static final String INSERT = """
            insert into account_tokens (token_hash, purpose, staff_id, organization_id, created_at, expires_at)
            values (:hash, :purpose, :staffId, :organizationId, :now, :expiresAt)
            """;

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batches;

    AccountTokens(JdbcClient jdbc, NamedParameterJdbcTemplate batches) {
        this.jdbc = jdbc;
        this.batches = batches;
    }

    /** Invalidates the account's earlier tokens of this purpose and returns a new one's secret. */
    String issue(String purpose, long staffId, long organizationId, Instant now, Instant expiresAt) {
        jdbc.sql("""
                        update account_tokens set invalidated_at = :now
                        where staff_id = :staffId and purpose = :purpose and used_at is null and invalidated_at is null
                        """)
                .param("now", Timestamp.from(now))
                .param("staffId", staffId)
                .param("purpose", purpose)
                .update();
        String secret = Secrets.newSecret();
        jdbc.sql(INSERT)
                .param("hash", Secrets.sha256(secret))
                .param("purpose", purpose)
                .param("staffId", staffId)
                .param("organizationId", organizationId)
                .param("now", Timestamp.from(now))
                .param("expiresAt", Timestamp.from(expiresAt))
                .update();
        return secret;
    }

    /**
     * The first tokens of accounts created in the current transaction (a registration, a bulk write's
     * pending accounts): no earlier token can exist to invalidate, so one batch of inserts whatever
     * their number; the secrets in the accounts' order.
     */
    List<String> issueFirst(String purpose, List<AccountSummary> accounts, Instant now, Instant expiresAt) {
        List<String> secrets = new ArrayList<>(accounts.size());
        SqlParameterSource[] rows = new SqlParameterSource[accounts.size()];
        for (int i = 0; i < rows.length; i++) {
            String secret = Secrets.newSecret();
            secrets.add(secret);
            rows[i] = new MapSqlParameterSource()
                    .addValue("hash", Secrets.sha256(secret))
                    .addValue("purpose", purpose)
                    .addValue("staffId", accounts.get(i).staffId())
                    .addValue("organizationId", accounts.get(i).organizationId())
                    .addValue("now", Timestamp.from(now))
                    .addValue("expiresAt", Timestamp.from(expiresAt));
        }
        batches.batchUpdate(INSERT, rows);
        return secrets;
    }

    /** Invalidates every token of the account not yet used, of every purpose. */
    void invalidateOutstanding(long staffId, Instant now) {
        jdbc.sql("""
                        update account_tokens set invalidated_at = :now
                        where staff_id = :staffId and used_at is null and invalidated_at is null
                        """)
                .param("now", Timestamp.from(now))
                .param("staffId", staffId)
                .update();
    }

    /** Finds a token by its secret; {@code forUpdate} locks it so that it is consumed once. */
    Optional<Token> find(String purpose, String secret, boolean forUpdate) {
        return jdbc.sql("select id, staff_id, organization_id, expires_at, used_at, invalidated_at from account_tokens"
                        + " where token_hash = :hash and purpose = :purpose" + (forUpdate ? " for update" : ""))
                .param("hash", Secrets.sha256(secret))
                .param("purpose", purpose)
                .query((rs, row) -> new Token(
                        rs.getLong("id"),
                        rs.getLong("staff_id"),
                        rs.getLong("organization_id"),
                        rs.getTimestamp("expires_at").toInstant(),
                        instant(rs.getTimestamp("used_at")),
                        instant(rs.getTimestamp("invalidated_at"))))
                .optional();
    }

    void markUsed(long id, Instant now) {
        jdbc.sql("update account_tokens set used_at = :now where id = :id")
                .param("now", Timestamp.from(now))
                .param("id", id)
                .update();
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
