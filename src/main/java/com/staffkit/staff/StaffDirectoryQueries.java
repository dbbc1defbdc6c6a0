package com.staffkit.staff;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SQL behind {@link StaffDirectory}. */
@Repository
class StaffDirectoryQueries {

    private final JdbcClient jdbc;

    StaffDirectoryQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Set<Long> visibleIn(Visibility visibility, long organizationId, Collection<Long> staffIds) {
        var spec = jdbc.sql("select id from staff where organization_id = :organizationId and id = any(:ids) and "
                        + visibility.storeScopeSql("staff"))
                .param("organizationId", organizationId)
                .param("ids", staffIds.toArray(Long[]::new))
                .params(visibility.storeParams());
        return spec.query(Long.class).list().stream().collect(Collectors.toSet());
    }

    /** The statement of {@link StaffDirectory#leaveStore}: every current store of it, each row's version bumped. */
    List<StaffEvents.Row> leaveStore(long storeId, Instant now) {
        return jdbc.sql("""
                        update staff set current_store_id = null, modified_at = :now, version = version + 1
                        where current_store_id = :storeId
                        returning id, organization_id, email, username, first_name, last_name
                        """)
                .param("storeId", storeId)
                .param("now", Timestamp.from(now))
                .query((rs, row) -> StaffEvents.row(rs))
                .list();
    }
}
