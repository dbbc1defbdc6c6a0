package com.staffkit.team;

import com.staffkit.common.persistence.SqlWhere;
import com.staffkit.common.security.Scope;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
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

    Optional<TeamResponse> find(long id, Scope<Long> organizations) {
        SqlWhere where = visible(organizations);
        where.and("t.id = :id", "id", id);
        return jdbc.sql(SELECT + where.sql())
                .params(where.params())
                .query(TeamQueries::row)
                .optional();
    }

    /** Whether the team exists among the given organizations: the check before listing its members. */
    boolean exists(long id, Scope<Long> organizations) {
        SqlWhere where = visible(organizations);
        where.and("t.id = :id", "id", id);
        return jdbc.sql("select exists (select 1 from teams t" + where.sql() + ")")
                .params(where.params())
                .query(Boolean.class)
                .single();
    }

    List<TeamResponse> list(Scope<Long> organizations, TeamFilter filter, int limit, long offset) {
        SqlWhere where = where(organizations, filter);
        where.bind("limit", limit);
        where.bind("offset", offset);
        return jdbc.sql(SELECT + where.sql() + " order by " + filter.orderBy() + " limit :limit offset :offset")
                .params(where.params())
                .query(TeamQueries::row)
                .list();
    }

    long count(Scope<Long> organizations, TeamFilter filter) {
        SqlWhere where = where(organizations, filter);
        return jdbc.sql("select count(*) from teams t" + where.sql())
                .params(where.params())
                .query(Long.class)
                .single();
    }

    private static SqlWhere where(Scope<Long> organizations, TeamFilter filter) {
        SqlWhere where = visible(organizations);
        if (filter.organization() != null) {
            where.and("t.organization_id = :organization", "organization", filter.organization());
        }
        if (!SqlWhere.isBlank(filter.responsibility())) {
            where.and(
                    "t.responsibilities @> array[cast(:responsibility as text)]",
                    "responsibility",
                    filter.responsibility().trim());
        }
        if (!SqlWhere.isBlank(filter.name())) {
            where.and("lower(t.name) = lower(:name)", "name", filter.name().trim());
        }
        where.andContaining("lower(t.name) like lower(:search)", "search", filter.search());
        if (filter.member() != null) {
            where.and(
                    "exists (select 1 from team_members tm where tm.team_id = t.id and tm.staff_id = :member)",
                    "member",
                    filter.member());
        }
        return where;
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

    private static SqlWhere visible(Scope<Long> organizations) {
        SqlWhere where = new SqlWhere();
        where.andIn("t.organization_id", "organizations", organizations);
        return where;
    }
}
