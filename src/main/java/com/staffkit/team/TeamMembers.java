package com.staffkit.team;

import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Membership rows; adding and removing are idempotent. */
@Repository
class TeamMembers {

    private final JdbcClient jdbc;

    TeamMembers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds the staff who are not members yet and returns them. */
    List<Long> add(long teamId, long organizationId, Collection<Long> staffIds) {
        return jdbc.sql("""
                        insert into team_members (team_id, staff_id, organization_id)
                        select :teamId, staff_id, :organizationId from unnest(cast(:staffIds as bigint[])) as staff_id
                        on conflict do nothing
                        returning staff_id
                        """)
                .param("teamId", teamId)
                .param("organizationId", organizationId)
                .param("staffIds", staffIds.toArray(Long[]::new))
                .query(Long.class)
                .list();
    }

    /** True when the staff member was a member. */
    boolean remove(long teamId, long staffId) {
        return jdbc.sql("delete from team_members where team_id = :teamId and staff_id = :staffId")
                        .param("teamId", teamId)
                        .param("staffId", staffId)
                        .update()
                > 0;
    }
}
