package com.staffkit.team;

import com.staffkit.common.persistence.Criterion;
import com.staffkit.common.persistence.CriterionSql;
import com.staffkit.common.persistence.SqlWhere;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The read side of provisioning teams: the teams of one organization in id order, and the members
 * of a page of them in one statement (staff SCIM deleted are left out, as SCIM no longer knows them).
 */
@Repository
class ProvisionedTeamQueries {

    private static final String SELECT_LIST =
            "select t.id, t.name, t.external_id, t.created_at, t.modified_at, t.version from teams t";

    private final JdbcClient jdbc;

    ProvisionedTeamQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<ProvisionedTeam> find(long organizationId, long id, boolean withMembers) {
        SqlWhere where = inOrganization(organizationId).and("t.id = :id", "id", id);
        List<ProvisionedTeam> found = jdbc.sql(SELECT_LIST + where.sql())
                .params(where.params())
                .query(ProvisionedTeamQueries::row)
                .list();
        return withMembers(found, withMembers).stream().findFirst();
    }

    List<ProvisionedTeam> search(long organizationId, Criterion filter, int offset, int limit, boolean withMembers) {
        SqlWhere where = matching(organizationId, filter);
        List<ProvisionedTeam> page = jdbc.sql(SELECT_LIST + where.sql() + " order by t.id offset :offset limit :limit")
                .params(where.params())
                .param("offset", offset)
                .param("limit", limit)
                .query(ProvisionedTeamQueries::row)
                .list();
        return withMembers(page, withMembers);
    }

    long count(long organizationId, Criterion filter) {
        SqlWhere where = matching(organizationId, filter);
        return jdbc.sql("select count(*) from teams t" + where.sql())
                .params(where.params())
                .query(Long.class)
                .single();
    }

    private List<ProvisionedTeam> withMembers(List<ProvisionedTeam> teams, boolean withMembers) {
        if (!withMembers || teams.isEmpty()) {
            return teams;
        }
        Map<Long, List<ProvisionedTeam.Member>> members = new HashMap<>();
        jdbc.sql("""
                        select tm.team_id, s.id, coalesce(s.display_name, s.first_name || ' ' || s.last_name) as display
                        from team_members tm join staff s on s.id = tm.staff_id
                        where tm.team_id = any(:ids) and s.deprovisioned_at is null
                        order by tm.team_id, s.id
                        """)
                .param("ids", teams.stream().map(ProvisionedTeam::id).toArray(Long[]::new))
                .query(rs -> {
                    members.computeIfAbsent(rs.getLong("team_id"), id -> new ArrayList<>())
                            .add(new ProvisionedTeam.Member(rs.getLong("id"), rs.getString("display")));
                });
        return teams.stream()
                .map(team -> new ProvisionedTeam(
                        team.id(),
                        team.name(),
                        team.externalId(),
                        List.copyOf(members.getOrDefault(team.id(), List.of())),
                        team.createdAt(),
                        team.modifiedAt(),
                        team.version()))
                .toList();
    }

    private static SqlWhere matching(long organizationId, Criterion filter) {
        SqlWhere where = inOrganization(organizationId);
        return where.and(CriterionSql.render(filter, where.params(), "filter"));
    }

    private static SqlWhere inOrganization(long organizationId) {
        return new SqlWhere().and("t.organization_id = :organization", "organization", organizationId);
    }

    private static ProvisionedTeam row(ResultSet rs, int rowNum) throws SQLException {
        return new ProvisionedTeam(
                rs.getLong("id"),
                rs.getString("name"),
                rs.getString("external_id"),
                null,
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("modified_at").toInstant(),
                rs.getLong("version"));
    }
}
