package com.staffkit.organization;

import com.staffkit.common.persistence.SqlWhere;
import com.staffkit.common.security.Scope;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class OrganizationQueries {

    private static final String SELECT =
            "select o.id, o.name, o.slug, o.parent_id, o.is_active, o.created_at, o.modified_at from organizations o";

    private final JdbcClient jdbc;

    OrganizationQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<OrganizationResponse> find(long id, Scope<Long> organizations) {
        SqlWhere where = visible(organizations).and("o.id = :id", "id", id);
        return jdbc.sql(SELECT + where.sql())
                .params(where.params())
                .query(OrganizationQueries::row)
                .optional();
    }

    List<OrganizationResponse> list(Scope<Long> organizations, OrganizationFilter filter, int limit, long offset) {
        SqlWhere where = where(organizations, filter).bind("limit", limit).bind("offset", offset);
        return jdbc.sql(SELECT + where.sql() + " order by o.id limit :limit offset :offset")
                .params(where.params())
                .query(OrganizationQueries::row)
                .list();
    }

    long count(Scope<Long> organizations, OrganizationFilter filter) {
        SqlWhere where = where(organizations, filter);
        return jdbc.sql("select count(*) from organizations o" + where.sql())
                .params(where.params())
                .query(Long.class)
                .single();
    }

    boolean slugTaken(String slug) {
        return jdbc.sql("select exists (select 1 from organizations where slug = :slug)")
                .param("slug", slug)
                .query(Boolean.class)
                .single();
    }

    /** Whether the organization and every organization above it are active. */
    boolean isActive(long organizationId) {
        return jdbc.sql(
                        "select exists (select 1 from organizations o where o.id = :id and (select f.in_force from organization_in_force(o.path) f))")
                .param("id", organizationId)
                .query(Boolean.class)
                .single();
    }

    String name(long organizationId) {
        return jdbc.sql("select name from organizations where id = :id")
                .param("id", organizationId)
                .query(String.class)
                .single();
    }

    long defaultOrganizationId() {
        return jdbc.sql("select id from organizations where slug = 'default'")
                .query(Long.class)
                .single();
    }

    private static SqlWhere where(Scope<Long> organizations, OrganizationFilter filter) {
        SqlWhere where = visible(organizations);
        if (filter.parent() != null) {
            where.and("o.parent_id = :parent", "parent", filter.parent());
        }
        if (filter.isActive() != null) {
            where.and("o.is_active = :active", "active", filter.isActive());
        }
        where.andContaining(
                "(lower(o.name) like lower(:search) or o.slug like lower(:search))", "search", filter.search());
        return where;
    }

    private static SqlWhere visible(Scope<Long> organizations) {
        SqlWhere where = new SqlWhere();
        where.andIn("o.id", "organizations", organizations);
        return where;
    }

    private static OrganizationResponse row(ResultSet rs, int row) throws SQLException {
        return new OrganizationResponse(
                rs.getLong("id"),
                rs.getString("name"),
                rs.getString("slug"),
                rs.getObject("parent_id", Long.class),
                rs.getBoolean("is_active"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("modified_at").toInstant());
    }
}
