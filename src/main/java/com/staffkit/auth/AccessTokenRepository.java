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
     * The whole caller in one indexed query: token row, staff, organization (all active), the union
     * of the role permissions and the organizations the caller may see.
     */
    private static final String CALLER_BY_TOKEN = """
            select s.id as staff_id,
                   t.expires_at,
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
            from access_tokens t
            join staff s on s.id = t.staff_id
            join organizations o on o.id = s.organization_id
            cross join lateral staff_store_scope(s.id) scope
            cross join lateral organization_in_force(o.path) org
            where t.token_hash = :hash
              and t.revoked_at is null
              and t.expires_at > :now
              and t.session_epoch = s.session_epoch
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
                .query(AccessTokenRepository::caller)
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

    private static ResolvedCaller caller(ResultSet rs, int row) throws SQLException {
        Set<String> permissions = Set.of((String[]) rs.getArray("permissions").getArray());
        Scope<Long> organizations = rs.getBoolean("superadmin")
                ? Scope.all()
                : Scope.only(
                        Set.of((Long[]) rs.getArray("visible_organizations").getArray()));
        Caller caller = Caller.staff(
                rs.getLong("staff_id"), rs.getLong("organization_id"), organizations, permissions, storeScope(rs));
        return new ResolvedCaller(caller, rs.getTimestamp("expires_at").toInstant());
    }
}
