package com.staffkit.role;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
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

    Optional<RoleResponse> find(long id, Long[] organizations) {
        var spec = jdbc.sql(SELECT + " where r.id = :id and " + visible(organizations))
                .param("id", id);
        return withOrganizations(spec, organizations).query(RoleQueries::row).optional();
    }

    List<RoleResponse> list(Long[] organizations, int limit, long offset) {
        var spec = jdbc.sql(SELECT + " where " + visible(organizations)
                        + " order by r.is_built_in desc, r.id limit :limit offset :offset")
                .param("limit", limit)
                .param("offset", offset);
        return withOrganizations(spec, organizations).query(RoleQueries::row).list();
    }

    long count(Long[] organizations) {
        var spec = jdbc.sql("select count(*) from roles r where " + visible(organizations));
        return withOrganizations(spec, organizations).query(Long.class).single();
    }

    private static String visible(Long[] organizations) {
        return organizations == null
                ? "true"
                : "(r.organization_id is null or r.organization_id = any(:organizations))";
    }

    private static JdbcClient.StatementSpec withOrganizations(JdbcClient.StatementSpec spec, Long[] organizations) {
        return organizations == null ? spec : spec.param("organizations", organizations);
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
}
