package com.staffkit.store;

import com.staffkit.common.persistence.SqlWhere;
import com.staffkit.common.security.Scope;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class StoreQueries {

    private static final String SELECT = """
            select st.id, st.organization_id, st.name, st.email, st.phone_number, st.remote_id, st.is_active,
                   st.address_line, st.address_postcode, st.address_city, st.address_township, st.address_country,
                   st.created_at, st.modified_at,
                   (select count(*) from staff_stores ss join staff s on s.id = ss.staff_id
                    where ss.store_id = st.id and s.is_active) as staff_count
            from stores st
            """;

    private final JdbcClient jdbc;

    StoreQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<StoreResponse> find(long id, Scope<Long> organizations) {
        SqlWhere where = visible(organizations);
        where.and("st.id = :id", "id", id);
        return jdbc.sql(SELECT + where.sql())
                .params(where.params())
                .query(StoreQueries::row)
                .optional();
    }

    List<StoreResponse> list(Scope<Long> organizations, StoreFilter filter, int limit, long offset) {
        SqlWhere where = where(organizations, filter);
        where.bind("limit", limit);
        where.bind("offset", offset);
        return jdbc.sql(SELECT + where.sql() + " order by " + filter.orderBy() + " limit :limit offset :offset")
                .params(where.params())
                .query(StoreQueries::row)
                .list();
    }

    long count(Scope<Long> organizations, StoreFilter filter) {
        SqlWhere where = where(organizations, filter);
        return jdbc.sql("select count(*) from stores st" + where.sql())
                .params(where.params())
                .query(Long.class)
                .single();
    }

    private static SqlWhere where(Scope<Long> organizations, StoreFilter filter) {
        SqlWhere where = visible(organizations);
        if (filter.organization() != null) {
            where.and("st.organization_id = :organization", "organization", filter.organization());
        }
        where.andContaining(
                "(lower(st.name) like lower(:search) or lower(st.remote_id) like lower(:search))",
                "search",
                filter.search());
        if (filter.isActive() != null) {
            where.and("st.is_active = :isActive", "isActive", filter.isActive());
        } else if (!filter.includeInactive()) {
            where.and("st.is_active");
        }
        if (filter.remoteId() != null) {
            where.and("st.remote_id = :remoteId", "remoteId", filter.remoteId());
        }
        return where;
    }

    private static StoreResponse row(ResultSet rs, int row) throws SQLException {
        return new StoreResponse(
                rs.getLong("id"),
                rs.getLong("organization_id"),
                rs.getString("name"),
                rs.getString("email"),
                rs.getString("phone_number"),
                rs.getString("remote_id"),
                rs.getBoolean("is_active"),
                new StoreRequest.Address(
                        rs.getString("address_line"),
                        rs.getString("address_postcode"),
                        rs.getString("address_city"),
                        rs.getString("address_township"),
                        rs.getString("address_country")),
                rs.getLong("staff_count"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("modified_at").toInstant());
    }

    private static SqlWhere visible(Scope<Long> organizations) {
        SqlWhere where = new SqlWhere();
        where.andIn("st.organization_id", "organizations", organizations);
        return where;
    }
}
