package com.staffkit.auth;

import com.staffkit.common.persistence.ScopeSql;
import com.staffkit.common.security.Caller;
import com.staffkit.common.security.Scope;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class ApiKeyRepository {

    /** A key as listed: never its secret or hash. */
    record ApiKeyRow(
            long id,
            long organizationId,
            String name,
            String prefix,
            List<String> roles,
            Long createdBy,
            Instant createdAt,
            Instant expiresAt,
            Instant lastUsedAt,
            Instant revokedAt,
            String scimDefaultRole) {}

    record KeyCaller(Caller caller, Instant expiresAt, Instant lastUsedAt) {}

    /** The keys of the organizations in scope. */
    private static final String IN_SCOPE = ScopeSql.predicate("k.organization_id", "orgs");

    private static final String SELECT = """
            select k.id, k.organization_id, k.name, k.prefix, k.created_by, k.created_at, k.expires_at,
                   k.last_used_at, k.revoked_at, k.scim_default_role,
                   array(select r.name from api_key_roles kr join roles r on r.id = kr.role_id
                         where kr.api_key_id = k.id order by r.name) as roles
            from api_keys k
            """;

    private final JdbcClient jdbc;

    ApiKeyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(
            long organizationId,
            String name,
            String prefix,
            byte[] hash,
            Long createdBy,
            Instant createdAt,
            Instant expiresAt,
            String scimDefaultRole,
            Collection<Long> roleIds) {
        long id = jdbc.sql("""
                        insert into api_keys (organization_id, name, prefix, key_hash, created_by, created_at, expires_at,
                                              scim_default_role)
                        values (:organizationId, :name, :prefix, :hash, :createdBy, :createdAt, :expiresAt,
                                :scimDefaultRole)
                        returning id
                        """)
                .param("organizationId", organizationId)
                .param("name", name)
                .param("prefix", prefix)
                .param("hash", hash)
                .param("createdBy", createdBy)
                .param("createdAt", Timestamp.from(createdAt))
                .param("expiresAt", expiresAt == null ? null : Timestamp.from(expiresAt))
                .param("scimDefaultRole", scimDefaultRole)
                .query(Long.class)
                .single();
        jdbc.sql("""
                        insert into api_key_roles (api_key_id, role_id, organization_id)
                        select :id, role_id, :organizationId from unnest(cast(:roleIds as bigint[])) as role_id
                        """)
                .param("id", id)
                .param("organizationId", organizationId)
                .param("roleIds", roleIds.toArray(Long[]::new))
                .update();
        return id;
    }

    Optional<String> scimDefaultRole(long id) {
        return jdbc.sql("select scim_default_role from api_keys where id = :id")
                .param("id", id)
                .query(String.class)
                .optional();
    }

    Optional<ApiKeyRow> find(long id, Scope<Long> organizations) {
        return jdbc.sql(SELECT + " where k.id = :id and " + IN_SCOPE)
                .param("id", id)
                .params(ScopeSql.params("orgs", organizations))
                .query(ApiKeyRepository::row)
                .optional();
    }

    List<ApiKeyRow> list(Scope<Long> organizations, int limit, long offset) {
        return jdbc.sql(SELECT + " where " + IN_SCOPE + " order by k.id desc limit :limit offset :offset")
                .param("limit", limit)
                .param("offset", offset)
                .params(ScopeSql.params("orgs", organizations))
                .query(ApiKeyRepository::row)
                .list();
    }

    long count(Scope<Long> organizations) {
        return jdbc.sql("select count(*) from api_keys k where " + IN_SCOPE)
                .params(ScopeSql.params("orgs", organizations))
                .query(Long.class)
                .single();
    }

    /** True when the key was not revoked yet. */
    boolean revoke(long id, Instant now) {
        return jdbc.sql("update api_keys set revoked_at = :now where id = :id and revoked_at is null")
                        .param("now", Timestamp.from(now))
                        .param("id", id)
                        .update()
                > 0;
    }

    /**
     * The caller behind a key in one indexed query: key, organization (active), permissions, visible
     * organizations and store scope, each bounded by what the key's creator holds now.
     */
    Optional<KeyCaller> findCaller(byte[] hash, Instant now) {
        return findCaller("k.key_hash = :hash", "hash", hash, now);
    }

    /** The caller a key in force is now, found by its id rather than its secret. */
    Optional<Caller> findCaller(long id, Instant now) {
        return findCaller("k.id = :id", "id", id, now).map(KeyCaller::caller);
    }

    /** The caller of the key in force that {@code predicate} (over {@code k}, with its one parameter) picks. */
    private Optional<KeyCaller> findCaller(String predicate, String parameter, Object value, Instant now) {
        return jdbc.sql("""
                        select k.id, k.organization_id, k.expires_at, k.last_used_at, k.created_by,
                               -- A key never holds more than its creator holds now.
                               array(select distinct p from api_key_roles kr join roles r on r.id = kr.role_id
                                     cross join unnest(r.permissions) p
                                     where kr.api_key_id = k.id
                                       and (k.created_by is null
                                            or p in (select cp from staff_roles csr
                                                     join roles cr on cr.id = csr.role_id
                                                     cross join unnest(cr.permissions) cp
                                                     where csr.staff_id = k.created_by))) as permissions,
                               array(select d.id from organizations d
                                     where d.path like o.path || '%') as visible_organizations,
                               -- A key sees the stores its creator sees now (V19).
                               k.created_by is null or scope.all_stores as all_stores,
                               scope.store_ids as stores
                        from api_keys k
                        join organizations o on o.id = k.organization_id
                        left join staff creator on creator.id = k.created_by
                        left join lateral staff_store_scope(k.created_by) scope on true
                        cross join lateral organization_in_force(o.path) org
                        """ + "where " + predicate + """

                          and (k.created_by is null or creator.is_active)
                          and k.revoked_at is null
                          and (k.expires_at is null or k.expires_at > :now)
                          and org.in_force
                        """)
                .param(parameter, value)
                .param("now", Timestamp.from(now))
                .query((rs, row) -> {
                    Set<String> permissions =
                            Set.of((String[]) rs.getArray("permissions").getArray());
                    Scope<Long> visible = Scope.only(
                            Set.of((Long[]) rs.getArray("visible_organizations").getArray()));
                    Caller caller = Caller.apiKey(
                            rs.getLong("id"),
                            rs.getLong("organization_id"),
                            visible,
                            permissions,
                            AccessTokenRepository.storeScope(rs),
                            rs.getObject("created_by", Long.class));
                    return new KeyCaller(
                            caller, instant(rs.getTimestamp("expires_at")), instant(rs.getTimestamp("last_used_at")));
                })
                .optional();
    }

    void touch(long id, Instant now) {
        jdbc.sql("update api_keys set last_used_at = :now where id = :id")
                .param("now", Timestamp.from(now))
                .param("id", id)
                .update();
    }

    void removeRole(long roleId) {
        jdbc.sql("delete from api_key_roles where role_id = :roleId")
                .param("roleId", roleId)
                .update();
    }

    private static ApiKeyRow row(ResultSet rs, int row) throws SQLException {
        return new ApiKeyRow(
                rs.getLong("id"),
                rs.getLong("organization_id"),
                rs.getString("name"),
                rs.getString("prefix"),
                List.of((String[]) rs.getArray("roles").getArray()),
                rs.getObject("created_by", Long.class),
                instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("expires_at")),
                instant(rs.getTimestamp("last_used_at")),
                instant(rs.getTimestamp("revoked_at")),
                rs.getString("scim_default_role"));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
