package com.staffkit.staff;

import com.staffkit.common.persistence.ScopeSql;
import com.staffkit.common.persistence.SqlWhere;
import com.staffkit.common.security.Scope;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The read side of staff: each staff member with its role names in one query, so a page costs one
 * statement for the rows and one for the count, whatever its size. What a row holds is
 * {@link StaffColumns}, which rows match is {@link StaffConditions}; this decides how a page is read.
 */
@Repository
class StaffQueries {

    private static final String SELECT = StaffColumns.SELECT_LIST + " from staff s";

    static final int SEARCH_COUNT_CAP = 1000;

    /**
     * A page of a plain search (its ids or its rows, selected before it) and its capped count from
     * {@code staff_search_page()} (V15, V40), which reads the search's chunks of staff one after the
     * other and stops once it has both. An empty page still yields one row, without staff, for the
     * count. The rows' organizations are checked again on {@code staff} itself: a copy out of step
     * (triggers disabled for a bulk fix) loses rows, never shows another tenant's.
     */
    private static final String SEARCH_PAGE = """
            , page.total as total_count
            from staff_search_page(case when :organizationsAll then null else cast(:organizations as bigint[]) end,
                                   lower(:search), :isActive, :hasActivated, :offset, :limit, :cap) page
            left join staff s on s.id = any(page.ids)
              and (:organizationsAll or s.organization_id = any(:organizations))
            order by s.id
            """;

    private final JdbcClient jdbc;

    StaffQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<StaffRow> findById(long id, Visibility visibility) {
        SqlWhere where = StaffConditions.visible(visibility);
        where.and("s.id = :id", "id", id);
        return single(where, "");
    }

    /** The rows of these ids the caller may see, in id order: one statement for a whole bulk request. */
    List<StaffRow> findByIds(Collection<Long> ids, Visibility visibility) {
        SqlWhere where = StaffConditions.visible(visibility);
        where.and("s.id = any(:ids)", "ids", ids.toArray(Long[]::new));
        return jdbc.sql(SELECT + where.sql() + " order by s.id")
                .params(where.params())
                .query(StaffColumns::row)
                .list();
    }

    /** Any staff rows by id, whoever may see them: written together, or the rows of a page. */
    List<StaffRow> findAnyByIds(Collection<Long> ids) {
        return jdbc.sql(SELECT + " where s.id = any(:ids)")
                .param("ids", ids.toArray(Long[]::new))
                .query(StaffColumns::row)
                .list();
    }

    /** Any staff row by id, whoever may see it: for {@link StaffRowCache}, which checks visibility per read. */
    Optional<StaffRow> findAnyById(long id) {
        return jdbc.sql(SELECT + " where s.id = :id")
                .param("id", id)
                .query(StaffColumns::row)
                .optional();
    }

    Optional<StaffRow> lookup(Visibility visibility, StaffLookup lookup) {
        SqlWhere where = StaffConditions.visible(visibility);
        andMatching(where, lookup);
        // Two rows would be ambiguous: "exactly one staff member or 404".
        return single(where, "order by s.id limit 2");
    }

    /** The ids of every staff member a lookup matches, whoever may see them, in id order: at most {@code limit}. */
    List<Long> lookupIds(StaffLookup lookup, int limit) {
        SqlWhere where = new SqlWhere();
        andMatching(where, lookup);
        return jdbc.sql("select s.id from staff s" + where.sql() + " order by s.id limit :limit")
                .params(where.params())
                .param("limit", limit)
                .query(Long.class)
                .list();
    }

    private static void andMatching(SqlWhere where, StaffLookup lookup) {
        if (lookup.key() != null) {
            where.and("s.key = :key", "key", lookup.key());
        }
        // Emails and usernames are unique across the service: one probe of login_identifiers finds
        // the row whatever organizations the caller sees (staff's own indexes lead with the organization).
        if (lookup.email() != null) {
            where.and(
                    "s.id = (select li.staff_id from login_identifiers li where li.identifier = lower(:email) and li.kind = 'email')",
                    "email",
                    lookup.email());
        }
        if (lookup.username() != null) {
            where.and(
                    "s.id = (select li.staff_id from login_identifiers li where li.identifier = lower(:username) and li.kind = 'username')",
                    "username",
                    lookup.username());
        }
        if (lookup.organization() != null) {
            where.and("s.organization_id = :organization", "organization", lookup.organization());
        }
        if (lookup.remoteId() != null) {
            where.and("s.remote_id = :remoteId", "remoteId", lookup.remoteId());
        }
    }

    Optional<StaffRow> findServiceUser(long organization) {
        SqlWhere where = StaffConditions.visible(Visibility.organization(organization));
        where.and("s.is_service_user");
        return single(where, "");
    }

    /** A page of staff: {@code limit} rows after the id {@code after} (in id order) or, without it, after {@code offset} rows. */
    List<StaffRow> list(Visibility visibility, StaffFilter filter, int limit, long offset, Long after) {
        SqlWhere where = pageWhere(visibility, filter, limit, after == null ? offset : 0);
        if (after != null) {
            where.and("s.id > :after", "after", after);
        }
        return jdbc.sql(pageSql(StaffColumns.SELECT_LIST, where, filter))
                .params(where.params())
                .query(StaffColumns::row)
                .list();
    }

    /**
     * A page of a store's or a team's staff with the number of all matches, in one statement: their
     * few hundred candidates are read once, the window count taken before the limit (and the columns
     * of {@link PageItems#ROWS} for the page's rows only). A search's count stops at its cap, as
     * {@link #count} does.
     */
    <T> CountedPage<T> listCounted(
            Visibility visibility, StaffFilter filter, int limit, long offset, PageItems<T> items) {
        SqlWhere where = pageWhere(visibility, filter, limit, offset);
        CountedPage<T> page = jdbc.sql(pageSql(items.select() + ", count(*) over () as total_count", where, filter))
                .params(where.params())
                .query(countedPage(items));
        return filter.searching() ? new CountedPage<>(page.items(), Math.min(page.total(), SEARCH_COUNT_CAP)) : page;
    }

    /**
     * A page of a {@linkplain StaffFilter#isPlainSearch() plain search} with its count capped at
     * {@value #SEARCH_COUNT_CAP}, in one statement; empty when the search is not plain, the caller is
     * narrowed to some stores (rows then depend on stores too) or the page starts at the cap or beyond
     * (such pages are empty anyway, and the general query answers them).
     */
    <T> Optional<CountedPage<T>> plainSearch(
            Visibility visibility, StaffFilter filter, int limit, long offset, PageItems<T> items) {
        if (!filter.isPlainSearch() || !visibility.storeScope().isAll() || offset >= SEARCH_COUNT_CAP) {
            return Optional.empty();
        }
        return Optional.of(jdbc.sql(items.select() + SEARCH_PAGE)
                .params(ScopeSql.params("organizations", searchedOrganizations(visibility, filter)))
                .param("search", SqlWhere.containing(filter.search().trim()))
                .param("isActive", nullable(Types.BOOLEAN, filter.requiredActive()))
                .param("hasActivated", nullable(Types.BOOLEAN, filter.requiredActivated()))
                .param("offset", (int) offset)
                .param("limit", limit)
                .param("cap", SEARCH_COUNT_CAP)
                .query(countedPage(items)));
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

    /** A page that carries its count in every row; a row without staff carries only the count. */
    private static <T> ResultSetExtractor<CountedPage<T>> countedPage(PageItems<T> items) {
        return rs -> {
            List<T> read = new ArrayList<>();
            long total = 0;
            while (rs.next()) {
                total = rs.getLong("total_count");
                if (rs.getObject("id") != null) {
                    read.add(items.mapper().mapRow(rs, read.size()));
                }
            }
            return new CountedPage<>(read, total);
        };
    }

    /**
     * What a counted page reads of each staff member: its id alone (the rows then come by id from
     * memory, {@link StaffReader}) or its whole row.
     */
    record PageItems<T>(String select, RowMapper<T> mapper) {
        static final PageItems<Long> IDS = new PageItems<>("select s.id", (rs, rowNum) -> rs.getLong("id"));
        static final PageItems<StaffRow> ROWS = new PageItems<>(StaffColumns.SELECT_LIST, StaffColumns::row);
    }

    /** A page's items in its order and the number of matches over every page; zero matches when the page is empty. */
    record CountedPage<T>(List<T> items, long total) {}

    /**
     * The number of matching staff. A partial-name search counts at most {@value #SEARCH_COUNT_CAP}
     * matches: counting every row that shares a common trigram costs a scan of tens of thousands of
     * rows at a million staff, and nobody pages that deep into a search.
     */
    long count(Visibility visibility, StaffFilter filter) {
        SqlWhere where = StaffConditions.matching(visibility, filter);
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
        SqlWhere where = StaffConditions.matching(visibility, filter);
        where.bind("limit", limit);
        where.bind("offset", offset);
        return where;
    }

    private static String pageSql(String columns, SqlWhere where, StaffFilter filter) {
        return columns + " from staff s" + where.sql() + " order by " + filter.orderBy()
                + " limit :limit offset :offset";
    }

    private Optional<StaffRow> single(SqlWhere where, String suffix) {
        List<StaffRow> rows = jdbc.sql(SELECT + where.sql() + " " + suffix)
                .params(where.params())
                .query(StaffColumns::row)
                .list();
        return rows.size() == 1 ? Optional.of(rows.getFirst()) : Optional.empty();
    }
}
