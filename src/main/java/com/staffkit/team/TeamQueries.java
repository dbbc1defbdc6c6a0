package com.staffkit.team;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Teams as read by clients: each with its active member count, one statement per page. */
@Repository
class TeamQueries {

    private static final String SELECT = """
            select t.id, t.organization_id, t.name, t.description, t.responsibilities, t.created_at, t.modified_at,
                   (select count(*) from team_members tm join staff s on s.id = tm.staff_id
                    where tm.team_id = t.id and s.is_active) as member_count
            from teams t
            """;

    private final JdbcClient jdbc;

    TeamQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<TeamResponse> find(long id, Long[] organizations) {
        Where where = new Where(organizations);
        where.add("t.id = :id", "id", id);
        return jdbc.sql(SELECT + where.sql())
                .params(where.params)
                .query(TeamQueries::row)
                .optional();
    }

    List<TeamResponse> list(Long[] organizations, TeamFilter filter, int limit, long offset) {
        Where where = where(organizations, filter);
        where.params.put("limit", limit);
        where.params.put("offset", offset);
        return jdbc.sql(SELECT + where.sql() + " order by " + filter.orderBy() + " limit :limit offset :offset")
                .params(where.params)
                .query(TeamQueries::row)
                .list();
    }

    long count(Long[] organizations, TeamFilter filter) {
        Where where = where(organizations, filter);
        return jdbc.sql("select count(*) from teams t" + where.sql())
                .params(where.params)
                .query(Long.class)
                .single();
    }

    private static Where where(Long[] organizations, TeamFilter filter) {
        Where where = new Where(organizations);
        if (filter.organization() != null) {
            where.add("t.organization_id = :organization", "organization", filter.organization());
        }
        if (filter.responsibility() != null && !filter.responsibility().isBlank()) {
            where.add(
                    "t.responsibilities @> array[cast(:responsibility as text)]",
                    "responsibility",
                    filter.responsibility().trim());
        }
        if (filter.name() != null && !filter.name().isBlank()) {
            where.add("lower(t.name) = lower(:name)", "name", filter.name().trim());
        }
        if (filter.search() != null && !filter.search().isBlank()) {
            where.add(
                    "lower(t.name) like lower(:search)",
                    "search",
                    "%" + escapeLike(filter.search().trim()) + "%");
        }
        if (filter.member() != null) {
            where.add(
                    "exists (select 1 from team_members tm where tm.team_id = t.id and tm.staff_id = :member)",
                    "member",
                    filter.member());
        }
        return where;
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static TeamResponse row(ResultSet rs, int row) throws SQLException {
        return new TeamResponse(
                rs.getLong("id"),
                rs.getLong("organization_id"),
                rs.getString("name"),
                rs.getString("description"),
                List.of((String[]) rs.getArray("responsibilities").getArray()),
                rs.getLong("member_count"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("modified_at").toInstant());
    }

    private static final class Where {
        private final List<String> predicates = new ArrayList<>();
        private final Map<String, Object> params = new LinkedHashMap<>();

        Where(Long[] organizations) {
            if (organizations != null) {
                add("t.organization_id = any(:organizations)", "organizations", organizations);
            }
        }

        void add(String predicate, String name, Object value) {
            predicates.add(predicate);
            params.put(name, value);
        }

        String sql() {
            return predicates.isEmpty() ? "" : " where " + String.join(" and ", predicates);
        }
    }
}
