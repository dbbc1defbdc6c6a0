package com.staffkit.staff;

import com.staffkit.common.persistence.ScopeSql;
import com.staffkit.common.persistence.SqlWhere;
import java.util.Locale;

/**
 * The conditions of a staff read: tenancy and store scope first, then the list's filter. Each
 * filter has an index; the conditions are written so that the planner can use it.
 */
final class StaffConditions {

    /**
     * Above this many visible organizations (a franchisor's whole network) the organization list
     * filters rows but must not drive the plan: as an index condition it would bitmap most of the
     * table. {@code + 0} keeps the planner from using the organization indexes for it.
     */
    private static final int BROAD_VISIBILITY = 8;

    private StaffConditions() {}

    /** Tenancy always comes first: the caller's organizations and, for a caller narrowed to some stores, those stores and itself. */
    static SqlWhere visible(Visibility visibility) {
        SqlWhere where = new SqlWhere();
        where.andIn(
                visibility.organizations().size() > BROAD_VISIBILITY ? "s.organization_id + 0" : "s.organization_id",
                "organizations",
                visibility.organizations());
        visibility.andStoreScope(where, "s");
        return where;
    }

    /** The rows a list shows: those the caller may see that match the filter. */
    static SqlWhere matching(Visibility visibility, StaffFilter filter) {
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

    /** The ids of the roles named in the filter: built-in ones, and custom ones of the visible organizations. */
    private static String roleIds(Visibility visibility) {
        return "array(select r.id from roles r where lower(r.name) = any(:roles)"
                + " and (r.organization_id is null or " + ScopeSql.predicate("r.organization_id", "organizations")
                + "))";
    }
}
