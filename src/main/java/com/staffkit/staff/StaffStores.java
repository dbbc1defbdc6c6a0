package com.staffkit.staff;

import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The store facts staff rules need. The staff read model already reads the stores table for its
 * summaries; this reads it for validation, so the staff feature never calls the store feature
 * (which lists staff, and so depends on it).
 */
@Repository
class StaffStores {

    record StoreRef(long id, long organizationId, boolean active) {}

    private final JdbcClient jdbc;

    StaffStores(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<StoreRef> find(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select id, organization_id, is_active from stores where id = any(:ids)")
                .param("ids", ids.toArray(Long[]::new))
                .query((rs, row) ->
                        new StoreRef(rs.getLong("id"), rs.getLong("organization_id"), rs.getBoolean("is_active")))
                .list();
    }

    /** Whether the staff member sees every store of its organization, by {@code staff_sees_all_stores()} (V23). */
    boolean seesAllStores(long staffId) {
        return jdbc.sql("select a.sees_all_stores from staff_sees_all_stores(:id) a")
                .param("id", staffId)
                .query(Boolean.class)
                .optional()
                .orElse(false);
    }

    /** An active store of the staff member's organization that it is assigned to, or any if it sees all stores. */
    boolean canWorkAt(long staffId, long storeId) {
        return jdbc.sql("""
                        select exists (
                            select 1 from staff s join stores st on st.organization_id = s.organization_id
                            where s.id = :staffId and st.id = :storeId and st.is_active
                              and ((select a.sees_all_stores from staff_sees_all_stores(s.full_store_access, s.id) a)
                               or exists (select 1 from staff_stores ss where ss.staff_id = s.id and ss.store_id = st.id)))
                        """)
                .param("staffId", staffId)
                .param("storeId", storeId)
                .query(Boolean.class)
                .single();
    }
}
