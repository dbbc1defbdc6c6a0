package com.staffkit.role;

import com.staffkit.common.persistence.ScopeSql;
import com.staffkit.common.security.Scope;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Roles as listed: built-in ones first, then the visible organizations' custom roles. */
@Repository
class RoleQueries {

    private static final String SELECT =
            "select id, organization_id, name, description, permissions, is_built_in, created_at, modified_at from roles r";

    private final JdbcClient jdbc;

    RoleQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<RoleResponse> find(long id, Scope<Long> organizations) {
        var spec = jdbc.sql(SELECT + " where r.id = :id and " + visible(organizations))
                .param("id", id);
        return withOrganizations(spec, organizations).query(RoleQueries::row).optional();
    }

    List<RoleResponse> list(Scope<Long> organizations, int limit, long offset) {
        var spec = jdbc.sql(SELECT + " where " + visible(organizations)
                        + " order by r.is_built_in desc, r.id limit :limit offset :offset")
                .param("limit", limit)
                .param("offset", offset);
        return withOrganizations(spec, organizations).query(RoleQueries::row).list();
    }

    long count(Scope<Long> organizations) {
        var spec = jdbc.sql("select count(*) from roles r where " + visible(organizations));
        return withOrganizations(spec, organizations).query(Long.class).single();
    }

    boolean isBuiltInName(String name) {
        return jdbc.sql("select exists (select 1 from roles where is_built_in and lower(name) = lower(:name))")
                .param("name", name)
                .query(Boolean.class)
                .single();
    }

    /** What the staff holding a role hold in all (whether any is a superadmin, and every permission). */
    record Holders(boolean superadmin, Set<String> permissions) {}

    Holders holders(long roleId) {
        return jdbc.sql("""
                        select coalesce(bool_or(r2.is_built_in and r2.name = 'superadmin'), false) as superadmin,
                               coalesce(array_agg(distinct p) filter (where p is not null), '{}') as permissions
                        from staff_roles sr
                        join staff_roles sr2 on sr2.staff_id = sr.staff_id
                        join roles r2 on r2.id = sr2.role_id
                        left join lateral unnest(r2.permissions) p on true
                        where sr.role_id = :roleId
                        """)
                .param("roleId", roleId)
                .query((rs, row) -> new Holders(rs.getBoolean("superadmin"), Set.of((String[])
                        rs.getArray("permissions").getArray())))
                .single();
    }

    /** The built-in roles and the organization's custom roles with these lower-case names. */
    List<RoleGrant> findAssignable(long organizationId, String[] lowerCaseNames) {
        return jdbc.sql("""
                        select id, name, is_built_in, permissions, allows_login from roles
                        where lower(name) = any(:names)
                          and (organization_id is null or organization_id = :organizationId)
                        order by id
                        """)
                .param("names", lowerCaseNames)
                .param("organizationId", organizationId)
                .query(RoleQueries::grant)
                .list();
    }

    List<RoleGrant> findGrants(Collection<Long> ids) {
        return jdbc.sql(
                        "select id, name, is_built_in, permissions, allows_login from roles where id = any(:ids) order by id")
                .param("ids", ids.toArray(Long[]::new))
                .query(RoleQueries::grant)
                .list();
    }

    Optional<RoleGrant> findBuiltIn(String name) {
        return jdbc.sql(
                        "select id, name, is_built_in, permissions, allows_login from roles where is_built_in and name = :name")
                .param("name", name)
                .query(RoleQueries::grant)
                .optional();
    }

    /** Built-in roles, and the custom roles of the organizations in scope. */
    private static String visible(Scope<Long> organizations) {
        return "(r.organization_id is null or " + ScopeSql.predicate("r.organization_id", "organizations") + ")";
    }

    private static JdbcClient.StatementSpec withOrganizations(
            JdbcClient.StatementSpec spec, Scope<Long> organizations) {
        return spec.params(ScopeSql.params("organizations", organizations));
    }

    private static RoleResponse row(ResultSet rs, int row) throws SQLException {
        return new RoleResponse(
                rs.getLong("id"),
                rs.getObject("organization_id", Long.class),
                rs.getString("name"),
                rs.getString("description"),
                List.of((String[]) rs.getArray("permissions").getArray()),
                rs.getBoolean("is_built_in"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("modified_at").toInstant());
    }

    private static RoleGrant grant(ResultSet rs, int row) throws SQLException {
        Array permissions = rs.getArray("permissions");
        return new RoleGrant(
                rs.getLong("id"),
                rs.getString("name"),
                rs.getBoolean("is_built_in"),
                Set.of((String[]) permissions.getArray()),
                rs.getBoolean("allows_login"));
    }
}
