package com.staffkit.organization;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    Optional<OrganizationResponse> find(long id, Long[] organizations) {
        Map<String, Object> params = new LinkedHashMap<>();
        List<String> predicates = new ArrayList<>();
        predicates.add("o.id = :id");
        params.put("id", id);
        visible(organizations, predicates, params);
        return jdbc.sql(SELECT + " where " + String.join(" and ", predicates))
                .params(params)
                .query(OrganizationQueries::row)
                .optional();
    }

    List<OrganizationResponse> list(
            Long[] organizations, Long parent, Boolean active, String search, int limit, long offset) {
        Map<String, Object> params = new LinkedHashMap<>();
        String where = where(organizations, parent, active, search, params);
        params.put("limit", limit);
        params.put("offset", offset);
        return jdbc.sql(SELECT + where + " order by o.id limit :limit offset :offset")
                .params(params)
                .query(OrganizationQueries::row)
                .list();
    }

    long count(Long[] organizations, Long parent, Boolean active, String search) {
        Map<String, Object> params = new LinkedHashMap<>();
        String where = where(organizations, parent, active, search, params);
        return jdbc.sql("select count(*) from organizations o" + where)
                .params(params)
                .query(Long.class)
                .single();
    }

    boolean slugTaken(String slug) {
        return jdbc.sql("select exists (select 1 from organizations where slug = :slug)")
                .param("slug", slug)
                .query(Boolean.class)
                .single();
    }

    private static String where(
            Long[] organizations, Long parent, Boolean active, String search, Map<String, Object> params) {
        List<String> predicates = new ArrayList<>();
        visible(organizations, predicates, params);
        if (parent != null) {
            predicates.add("o.parent_id = :parent");
            params.put("parent", parent);
        }
        if (active != null) {
            predicates.add("o.is_active = :active");
            params.put("active", active);
        }
        if (search != null && !search.isBlank()) {
            predicates.add("(lower(o.name) like lower(:search) or o.slug like lower(:search))");
            params.put(
                    "search",
                    "%"
                            + search.trim()
                                    .replace("\\", "\\\\")
                                    .replace("%", "\\%")
                                    .replace("_", "\\_") + "%");
        }
        return predicates.isEmpty() ? "" : " where " + String.join(" and ", predicates);
    }

    private static void visible(Long[] organizations, List<String> predicates, Map<String, Object> params) {
        if (organizations != null) {
            predicates.add("o.id = any(:organizations)");
            params.put("organizations", organizations);
        }
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
