package com.staffkit.staff;

import com.staffkit.common.persistence.ScopeSql;
import com.staffkit.common.persistence.SqlWhere;
import com.staffkit.common.security.Scope;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * The read side of staff: each staff member with its role names in one query, so a page costs one
 * statement for the rows and one for the count, whatever its size.
 */
@Repository
class StaffQueries {

    private static final String COLUMNS = """
            select s.id, s.key, s.organization_id, s.username, s.email, s.first_name, s.last_name, s.job_title,
                   s.phone, s.mobile_phone, s.time_zone, s.avatar_url, s.remote_id, s.attributes::text as attributes,
                   s.tags, s.is_active, s.has_activated, s.last_login, s.date_joined, s.created_at, s.modified_at,
                   (select a.sees_all_stores from staff_sees_all_stores(s.id) a) as sees_all_stores,
                   (select json_agg(json_build_object('id', st.id, 'name', st.name, 'remote_id', st.remote_id,
                                                      'is_active', st.is_active) order by st.id)
                    from staff_stores ss join stores st on st.id = ss.store_id
                    where ss.staff_id = s.id)::text as retail_stores,
                   (select json_build_object('id', cs.id, 'name', cs.name, 'remote_id', cs.remote_id,
                                             'is_active', cs.is_active)
                    from stores cs where cs.id = s.current_store_id)::text as current_store,
                   array(select r.name from staff_roles sr join roles r on r.id = sr.role_id
                         where sr.staff_id = s.id order by r.name) as roles,
                   (select json_agg(json_build_object('id', t.id, 'name', t.name) order by t.name, t.id)
                    from team_members tm join teams t on t.id = tm.team_id
                    where tm.staff_id = s.id)::text as teams
            """;

    private static final String SELECT = COLUMNS + " from staff s";

    static final int SEARCH_COUNT_CAP = 1000;

    /**
     * A page of a plain search and its capped count from {@code staff_search_page()} (V15), which reads
     * the search's chunks of staff one after the other and stops once it has both. An empty page still
     * yields one row, without staff, for the count. The rows' organizations are checked again on
     * {@code staff} itself: a copy out of step (triggers disabled for a bulk fix) loses rows, never
     * shows another tenant's.
     */
    private static final String SEARCH_PAGE = COLUMNS + """
            , page.total as total_count
            from staff_search_page(case when :organizationsAll then null else cast(:organizations as bigint[]) end,
                                   lower(:search), :isActive, :hasActivated, :offset, :limit, :cap) page
            left join staff s on s.id = any(page.ids)
              and (:organizationsAll or s.organization_id = any(:organizations))
            order by s.id
            """;

    /** The ids of the roles named in the filter: built-in ones, and custom ones of the visible organizations. */
    private static String roleIds(Visibility visibility) {
        return "array(select r.id from roles r where lower(r.name) = any(:roles)"
                + " and (r.organization_id is null or " + ScopeSql.predicate("r.organization_id", "organizations")
                + "))";
    }

    /**
     * Above this many visible organizations (a franchisor's whole network) the organization list
     * filters rows but must not drive the plan: as an index condition it would bitmap most of the
     * table. {@code + 0} keeps the planner from using the organization indexes for it.
     */
    private static final int BROAD_VISIBILITY = 8;

    private static final JsonMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .build();

    private final JdbcClient jdbc;

    StaffQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<StaffRow> findById(long id, Visibility visibility) {
        SqlWhere where = visible(visibility);
        where.and("s.id = :id", "id", id);
        return single(where, "");
    }

    Optional<StaffRow> lookup(Visibility visibility, StaffLookup lookup) {
        SqlWhere where = visible(visibility);
        if (lookup.key() != null) {
            where.and("s.key = :key", "key", lookup.key());
        }
        if (lookup.email() != null) {
            where.and("lower(s.email) = lower(:email)", "email", lookup.email());
        }
        if (lookup.username() != null) {
            where.and("lower(s.username) = lower(:username)", "username", lookup.username());
        }
        if (lookup.organization() != null) {
            where.and("s.organization_id = :organization", "organization", lookup.organization());
        }
        if (lookup.remoteId() != null) {
            where.and("s.remote_id = :remoteId", "remoteId", lookup.remoteId());
        }
        // Two rows would be ambiguous: "exactly one staff member or 404".
        return single(where, "order by s.id limit 2");
    }

    Optional<StaffRow> findServiceUser(long organization) {
        SqlWhere where = visible(Visibility.organization(organization));
        where.and("s.is_service_user");
        return single(where, "");
    }

    /** A page of staff: {@code limit} rows after the id {@code after} (in id order) or, without it, after {@code offset} rows. */
    List<StaffRow> list(Visibility visibility, StaffFilter filter, int limit, long offset, Long after) {
        SqlWhere where = pageWhere(visibility, filter, limit, after == null ? offset : 0);
        if (after != null) {
            where.and("s.id > :after", "after", after);
        }
        return jdbc.sql(pageSql(COLUMNS, where, filter))
                .params(where.params())
                .query(StaffQueries::row)
                .list();
    }

    /**
     * A page of a store's or a team's staff with the number of all matches, in one statement: their
     * few hundred candidates are read once, and the window count is taken before the limit while the
     * columns' sub-selects run for the page's rows only. A search's count stops at its cap, as
     * {@link #count} does.
     */
    CountedPage listCounted(Visibility visibility, StaffFilter filter, int limit, long offset) {
        SqlWhere where = pageWhere(visibility, filter, limit, offset);
        CountedPage page = jdbc.sql(pageSql(COLUMNS + ", count(*) over () as total_count", where, filter))
                .params(where.params())
                .query(StaffQueries::countedPage);
        return filter.searching() ? new CountedPage(page.rows(), Math.min(page.total(), SEARCH_COUNT_CAP)) : page;
    }

    /**
     * A page of a {@linkplain StaffFilter#isPlainSearch() plain search} with its count capped at
     * {@value #SEARCH_COUNT_CAP}, in one statement; empty when the search is not plain, the caller is
     * narrowed to some stores (rows then depend on stores too) or the page starts at the cap or beyond
     * (such pages are empty anyway, and the general query answers them).
     */
    Optional<CountedPage> plainSearch(Visibility visibility, StaffFilter filter, int limit, long offset) {
        if (!filter.isPlainSearch() || !visibility.storeScope().isAll() || offset >= SEARCH_COUNT_CAP) {
            return Optional.empty();
        }
        return Optional.of(jdbc.sql(SEARCH_PAGE)
                .params(ScopeSql.params("organizations", searchedOrganizations(visibility, filter)))
                .param("search", SqlWhere.containing(filter.search().trim()))
                .param("isActive", nullable(Types.BOOLEAN, filter.requiredActive()))
                .param("hasActivated", nullable(Types.BOOLEAN, filter.requiredActivated()))
                .param("offset", (int) offset)
                .param("limit", limit)
                .param("cap", SEARCH_COUNT_CAP)
                .query(StaffQueries::countedPage));
    }

    /** The caller's organizations narrowed to the one asked for, if any (none when it may not see that one). */
    private static Scope<Long> searchedOrganizations(Visibility visibility, StaffFilter filter) {
        Scope<Long> visible = visibility.organizations();
        Long asked = filter.organization();
        if (asked == null) {
            return visible;
        }
        return Scope.only(visible.contains(asked) ? Set.of(asked) : Set.of());
    }

    /** A null has no type a driver can infer; the parameter's SQL type goes with it. */
    private static Object nullable(int sqlType, Object value) {
        return value == null ? new SqlParameterValue(sqlType, null) : value;
    }

    /** The rows of a page that carries its count in every row; a row without staff carries only the count. */
    private static CountedPage countedPage(ResultSet rs) throws SQLException {
        List<StaffRow> rows = new ArrayList<>();
        long total = 0;
        while (rs.next()) {
            total = rs.getLong("total_count");
            if (rs.getObject("id") != null) {
                rows.add(row(rs, rows.size()));
            }
        }
        return new CountedPage(rows, total);
    }

    /** Rows of a page and the number of matches over every page; zero matches when the page is empty. */
    record CountedPage(List<StaffRow> rows, long total) {}

    /**
     * The number of matching staff. A partial-name search counts at most {@value #SEARCH_COUNT_CAP}
     * matches: counting every row that shares a common trigram costs a scan of tens of thousands of
     * rows at a million staff, and nobody pages that deep into a search.
     */
    long count(Visibility visibility, StaffFilter filter) {
        SqlWhere where = listWhere(visibility, filter);
        if (filter.searching()) {
            return jdbc.sql("select count(*) from (select 1 from staff s" + where.sql() + " limit :cap) matches")
                    .params(where.params())
                    .param("cap", SEARCH_COUNT_CAP)
                    .query(Long.class)
                    .single();
        }
        return jdbc.sql("select count(*) from staff s" + where.sql())
                .params(where.params())
                .query(Long.class)
                .single();
    }

    private static SqlWhere pageWhere(Visibility visibility, StaffFilter filter, int limit, long offset) {
        SqlWhere where = listWhere(visibility, filter);
        where.bind("limit", limit);
        where.bind("offset", offset);
        return where;
    }

    private static String pageSql(String columns, SqlWhere where, StaffFilter filter) {
        return columns + " from staff s" + where.sql() + " order by " + filter.orderBy()
                + " limit :limit offset :offset";
    }

    private static SqlWhere listWhere(Visibility visibility, StaffFilter filter) {
        SqlWhere where = visible(visibility);
        if (filter.organization() != null) {
            where.and("s.organization_id = :organization", "organization", filter.organization());
        }
        where.andContaining("s.search_text like lower(:search)", "search", filter.search());
        boolean roles = !filter.roles().isEmpty();
        if (roles) {
            where.bind(
                    "roles",
                    filter.roles().stream().map(r -> r.toLowerCase(Locale.ROOT)).toArray(String[]::new));
        }
        // A store's or a team's few hundred staff are the candidates: their ids come first. A store's
        // assignments carry their staff member's role ids (V17), so its managers are one index range
        // (role names resolved to ids once, not per row).
        if (filter.store() != null) {
            where.and(
                    roles
                            ? "s.id = any(array(select fs.staff_id from staff_stores fs where fs.store_id = :store"
                                    + " and fs.role_ids && " + roleIds(visibility) + "))"
                            : "s.id = any(array(select fs.staff_id from staff_stores fs where fs.store_id = :store))",
                    "store",
                    filter.store());
        }
        if (filter.team() != null) {
            where.and(
                    "s.id = any(array(select tm.staff_id from team_members tm where tm.team_id = :team))",
                    "team",
                    filter.team());
        }
        if (roles && filter.store() == null) {
            where.and("exists (select 1 from staff_roles sr where sr.staff_id = s.id and sr.role_id = any("
                    + roleIds(visibility) + "))");
        }
        Boolean active = filter.requiredActive();
        if (active != null) {
            where.and(active ? "s.is_active" : "not s.is_active");
        }
        Boolean activated = filter.requiredActivated();
        if (activated != null) {
            where.and(activated ? "s.has_activated" : "not s.has_activated");
        }
        if (filter.remoteId() != null) {
            where.and("s.remote_id = :remoteId", "remoteId", filter.remoteId());
        }
        if (filter.email() != null) {
            where.and("lower(s.email) = lower(:email)", "email", filter.email());
        }
        if (filter.username() != null) {
            where.and("lower(s.username) = lower(:username)", "username", filter.username());
        }
        return where;
    }

    private Optional<StaffRow> single(SqlWhere where, String suffix) {
        List<StaffRow> rows = jdbc.sql(SELECT + where.sql() + " " + suffix)
                .params(where.params())
                .query(StaffQueries::row)
                .list();
        return rows.size() == 1 ? Optional.of(rows.getFirst()) : Optional.empty();
    }

    private static StaffRow row(ResultSet rs, int rowNum) throws SQLException {
        List<String> roles = List.of((String[]) rs.getArray("roles").getArray());
        return new StaffRow(
                rs.getLong("id"),
                rs.getObject("key", UUID.class),
                rs.getLong("organization_id"),
                rs.getString("username"),
                rs.getString("email"),
                rs.getString("first_name"),
                rs.getString("last_name"),
                rs.getString("job_title"),
                rs.getString("phone"),
                rs.getString("mobile_phone"),
                rs.getString("time_zone"),
                rs.getString("avatar_url"),
                rs.getString("remote_id"),
                StringMapJsonConverter.parse(rs.getString("attributes")),
                List.of((String[]) rs.getArray("tags").getArray()),
                roles,
                teams(rs.getString("teams")),
                stores(rs.getString("retail_stores")),
                rs.getString("current_store") == null
                        ? null
                        : JSON.readValue(rs.getString("current_store"), StaffResponse.StoreSummary.class),
                rs.getBoolean("is_active"),
                rs.getBoolean("has_activated"),
                rs.getBoolean("sees_all_stores"),
                instant(rs.getTimestamp("last_login")),
                instant(rs.getTimestamp("date_joined")),
                instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("modified_at")));
    }

    private static List<StaffResponse.TeamSummary> teams(String json) {
        return json == null ? List.of() : List.of(JSON.readValue(json, StaffResponse.TeamSummary[].class));
    }

    private static List<StaffResponse.StoreSummary> stores(String json) {
        return json == null ? List.of() : List.of(JSON.readValue(json, StaffResponse.StoreSummary[].class));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    /** Tenancy always comes first: the caller's organizations and, for a caller narrowed to some stores, those stores and itself. */
    private static SqlWhere visible(Visibility visibility) {
        SqlWhere where = new SqlWhere();
        where.andIn(
                visibility.organizations().size() > BROAD_VISIBILITY ? "s.organization_id + 0" : "s.organization_id",
                "organizations",
                visibility.organizations());
        visibility.andStoreScope(where, "s");
        return where;
    }
}
