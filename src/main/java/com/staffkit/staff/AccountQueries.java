package com.staffkit.staff;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SQL behind {@link StaffAccounts} and {@link StaffLogins}: accounts as account emails and login see them. */
@Repository
class AccountQueries {

    private final JdbcClient jdbc;

    AccountQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<AccountSummary> findSummary(long staffId) {
        return jdbc.sql("""
                        select s.id, s.organization_id, s.first_name, s.email, s.is_active and (select f.in_force from organization_in_force(o.path) f) as active,
                               s.has_activated
                        from staff s join organizations o on o.id = s.organization_id
                        where s.id = :id
                        """)
                .param("id", staffId)
                .query((rs, row) -> new AccountSummary(
                        rs.getLong("id"),
                        rs.getLong("organization_id"),
                        rs.getString("first_name"),
                        rs.getString("email"),
                        rs.getBoolean("active"),
                        rs.getBoolean("has_activated")))
                .optional();
    }

    /** The staff id an email logs in, if any. */
    Optional<Long> findIdByEmail(String email) {
        return jdbc.sql("select staff_id from login_identifiers where identifier = lower(:email) and kind = 'email'")
                .param("email", email)
                .query(Long.class)
                .optional();
    }

    /** The facts {@link LoginAccount#canLogIn} decides on; the role part is the roles' own flag (V23). */
    private static final String LOGIN_ACCOUNT = """
            select s.id, s.organization_id, s.password_hash, s.session_epoch, s.is_active,
                   (select f.in_force from organization_in_force(o.path) f) as organization_active, s.has_activated, s.is_service_user,
                   exists (select 1 from staff_roles sr join roles r on r.id = sr.role_id
                           where sr.staff_id = s.id and r.allows_login) as holds_role_allowing_login
            from staff s
            join organizations o on o.id = s.organization_id
            """;

    /** By username or email, case-insensitively (one staff member may hold it as both: one row). */
    Optional<LoginAccount> findLoginByIdentifier(String identifier) {
        return jdbc.sql(LOGIN_ACCOUNT + " join login_identifiers li on li.staff_id = s.id"
                        + " where li.identifier = lower(:identifier) limit 1")
                .param("identifier", identifier)
                .query(AccountQueries::loginAccount)
                .optional();
    }

    Optional<LoginAccount> findLoginById(long staffId) {
        return jdbc.sql(LOGIN_ACCOUNT + " where s.id = :id")
                .param("id", staffId)
                .query(AccountQueries::loginAccount)
                .optional();
    }

    /** The statement of {@link StaffLogins#recordLogin}, outside the version on purpose (docs/decisions.md). */
    Optional<StaffEvents.Row> recordLogin(long staffId, Instant now) {
        return jdbc.sql("""
                        update staff set last_login = :now where id = :id
                        returning id, organization_id, email, username, first_name, last_name
                        """)
                .param("now", Timestamp.from(now))
                .param("id", staffId)
                .query((rs, row) -> StaffEvents.row(rs))
                .optional();
    }

    private static LoginAccount loginAccount(ResultSet rs, int row) throws SQLException {
        return new LoginAccount(
                rs.getLong("id"),
                rs.getLong("organization_id"),
                rs.getString("password_hash"),
                rs.getInt("session_epoch"),
                rs.getBoolean("is_active"),
                rs.getBoolean("organization_active"),
                rs.getBoolean("has_activated"),
                rs.getBoolean("is_service_user"),
                rs.getBoolean("holds_role_allowing_login"));
    }
}
