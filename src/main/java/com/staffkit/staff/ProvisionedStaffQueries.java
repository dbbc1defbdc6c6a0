package com.staffkit.staff;

import com.staffkit.common.persistence.Criterion;
import com.staffkit.common.persistence.CriterionSql;
import com.staffkit.common.persistence.SqlWhere;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * The read side of provisioning: staff of one organization as {@link ProvisionedStaff}, without the
 * service user and without members SCIM deleted, in id order.
 */
@Repository
class ProvisionedStaffQueries {

    private static final String SELECT_LIST = """
            select s.id, s.username, s.email, s.first_name, s.last_name, s.job_title, s.phone, s.mobile_phone,
                   s.time_zone, s.remote_id, s.display_name, s.employee_number, s.cost_center,
                   s.enterprise_organization, s.division, s.department, s.manager_id, s.is_active, s.created_at,
                   s.modified_at, s.version,
                   (select json_agg(json_build_object('id', t.id, 'name', t.name) order by t.name, t.id)
                    from team_members tm join teams t on t.id = tm.team_id
                    where tm.staff_id = s.id)::text as teams
            from staff s""";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;

    ProvisionedStaffQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<ProvisionedStaff> find(Visibility visibility, long organizationId, long id) {
        SqlWhere where = provisioned(visibility, organizationId).and("s.id = :id", "id", id);
        return jdbc.sql(SELECT_LIST + where.sql())
                .params(where.params())
                .query(ProvisionedStaffQueries::row)
                .optional();
    }

    /**
     * One page in id order. The page's ids are found first and only their rows read: skipping to a
     * deep startIndex walks the organization's id index alone (it carries what every SCIM read
     * tests, V35), not the heap rows of every member before the page.
     */
    List<ProvisionedStaff> search(Visibility visibility, long organizationId, Criterion filter, int offset, int limit) {
        SqlWhere where = matching(visibility, organizationId, filter);
        return jdbc.sql(SELECT_LIST + " where s.id = any(array(select s.id from staff s" + where.sql()
                        + " order by s.id offset :offset limit :limit)) order by s.id")
                .params(where.params())
                .param("offset", offset)
                .param("limit", limit)
                .query(ProvisionedStaffQueries::row)
                .list();
    }

    long count(Visibility visibility, long organizationId, Criterion filter) {
        SqlWhere where = matching(visibility, organizationId, filter);
        return jdbc.sql("select count(*) from staff s" + where.sql())
                .params(where.params())
                .query(Long.class)
                .single();
    }

    private static SqlWhere matching(Visibility visibility, long organizationId, Criterion filter) {
        SqlWhere where = provisioned(visibility, organizationId);
        return where.and(CriterionSql.render(filter, where.params(), "filter"));
    }

    /** The caller's tenancy and store scope, narrowed to one organization, as SCIM's tenant is the key's own. */
    private static SqlWhere provisioned(Visibility visibility, long organizationId) {
        return StaffConditions.visible(visibility)
                .and("s.organization_id = :organization", "organization", organizationId)
                .and("s.deprovisioned_at is null")
                .and("not s.is_service_user");
    }

    private static ProvisionedStaff row(ResultSet rs, int rowNum) throws SQLException {
        String teams = rs.getString("teams");
        return new ProvisionedStaff(
                rs.getLong("id"),
                rs.getString("username"),
                rs.getString("email"),
                rs.getString("first_name"),
                rs.getString("last_name"),
                rs.getString("job_title"),
                rs.getString("phone"),
                rs.getString("mobile_phone"),
                rs.getString("time_zone"),
                rs.getString("remote_id"),
                new DirectoryProfile(
                        rs.getString("display_name"),
                        rs.getString("employee_number"),
                        rs.getString("cost_center"),
                        rs.getString("enterprise_organization"),
                        rs.getString("division"),
                        rs.getString("department"),
                        rs.getString("manager_id")),
                rs.getBoolean("is_active"),
                teams == null ? List.of() : List.of(JSON.readValue(teams, ProvisionedStaff.TeamRef[].class)),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("modified_at").toInstant(),
                rs.getLong("version"));
    }
}
