package com.staffkit.auth;

import com.staffkit.common.security.Caller;
import com.staffkit.common.security.Scope;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class AccessTokenRepository {

    /**
     * A staff member's caller over {@code s} (the staff row) and {@code o} (its organization): the
     * union of the role permissions, the organizations it may see and its store scope.
     */
    private static final String STAFF_CALLER = """
            s.id as staff_id,
            s.organization_id,
            exists (select 1 from staff_roles sr join roles r on r.id = sr.role_id
                    where sr.staff_id = s.id and r.is_built_in and r.name = 'superadmin') as superadmin,
            array(select distinct p from staff_roles sr join roles r on r.id = sr.role_id
                  cross join unnest(r.permissions) p
                  where sr.staff_id = s.id) as permissions,
            array(select d.id from organizations d
                  where d.path like o.path || '%') as visible_organizations,
            -- A role that scopes to assigned stores narrows the caller to them unless it sees all stores (V23).
            scope.all_stores,
            scope.store_ids as stores
            """;

    /** The organization and store scope {@link #STAFF_CALLER} reads, and whether the organization is in force. */
    private static final String STAFF_CALLER_JOINS = """
            join organizations o on o.id = s.organization_id
            cross join lateral staff_store_scope(s.id) scope
            cross join lateral organization_in_force(o.path) org
            """;

    /** The whole caller in one indexed query: token row, staff, organization (all active). */
    private static final String CALLER_BY_TOKEN =
            "select t.expires_at, " + STAFF_CALLER + """
            from access_tokens t
            join staff s on s.id = t.staff_id
            """ + STAFF_CALLER_JOINS + """
            where t.token_hash = :hash
              and t.revoked_at is null
              and t.expires_at > :now
              and t.session_epoch = s.session_epoch
              and s.is_active
              and org.in_force
            """;

    /** The caller of an active staff member of an organization in force, without a credential. */
    private static final String CALLER_BY_STAFF = "select " + STAFF_CALLER + """
            from staff s
            """ + STAFF_CALLER_JOINS + """
            where s.id = :staffId
              and s.is_active
              and org.in_force
            """;

    private final JdbcClient jdbc;
    private final TokenTable tokens;

    AccessTokenRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.tokens = new TokenTable(jdbc, "access_tokens");
    }

    /** Insert, revocation by family or account, and the purge, shared with the other token table. */
    TokenTable tokens() {
        return tokens;
    }

    Optional<ResolvedCaller> findCaller(byte[] hash, Instant now) {
        return jdbc.sql(CALLER_BY_TOKEN)
                .param("hash", hash)
                .param("now", Timestamp.from(now))
                .query((rs, row) -> new ResolvedCaller(
                        caller(rs), rs.getTimestamp("expires_at").toInstant()))
                .optional();
    }

    /** The caller a staff member is now, as a session of theirs would resolve it. */
    Optional<Caller> findStaffCaller(long staffId) {
        return jdbc.sql(CALLER_BY_STAFF)
                .param("staffId", staffId)
                .query((rs, row) -> caller(rs))
                .optional();
    }

    /**
     * The store scope read from the columns {@code all_stores} and {@code stores} of
     * {@code staff_store_scope()} (V19): every store, else the assigned stores (none when the
     * columns are missing or null, so a gap narrows access instead of widening it).
     */
    static Scope<Long> storeScope(ResultSet rs) throws SQLException {
        if (rs.getBoolean("all_stores")) {
            return Scope.all();
        }
        java.sql.Array stores = rs.getArray("stores");
        return stores == null ? Scope.only(Set.of()) : Scope.only(Set.of((Long[]) stores.getArray()));
    }

    private static Caller caller(ResultSet rs) throws SQLException {
        Set<String> permissions = Set.of((String[]) rs.getArray("permissions").getArray());
        Scope<Long> organizations = rs.getBoolean("superadmin")
                ? Scope.all()
                : Scope.only(
                        Set.of((Long[]) rs.getArray("visible_organizations").getArray()));
        return Caller.staff(
                rs.getLong("staff_id"), rs.getLong("organization_id"), organizations, permissions, storeScope(rs));
    }
}
