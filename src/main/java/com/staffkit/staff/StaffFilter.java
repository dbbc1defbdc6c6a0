package com.staffkit.staff;

import com.staffkit.common.web.Ordering;
import java.util.List;
import java.util.Map;

/**
 * The list filters of {@code GET /api/v1/staffs/}.
 *
 * @param isActive when given, exactly this state (overrides {@code includeInactive})
 * @param ordering an allow-listed column, {@code -} for descending
 */
record StaffFilter(
        String search,
        List<String> roles,
        Boolean isActive,
        boolean includeInactive,
        boolean includePending,
        String remoteId,
        String email,
        String username,
        Long organization,
        Long team,
        Long store,
        Boolean hasActivated,
        String ordering) {

    /** Allowed orderings and their columns; every one is backed by an index with the id tie-breaker. */
    private static final Map<String, String> ORDERINGS = Map.of(
            "id", "s.id",
            "last_name", "s.last_name",
            "first_name", "s.first_name",
            "email", "s.email",
            "created_at", "s.created_at",
            "modified_at", "s.modified_at");

    StaffFilter {
        roles = roles == null ? List.of() : List.copyOf(roles);
        Ordering.parse(ordering, ORDERINGS, "s.id");
    }

    /** Whether a partial-name search is asked for (a blank one is none). */
    boolean searching() {
        return search != null && !search.isBlank();
    }

    /**
     * Whether this is a partial-name search in id order narrowed by nothing but an organization and
     * the account states: the common search, which {@code staff_search_page()} answers.
     */
    boolean isPlainSearch() {
        return searching()
                && inIdOrder()
                && roles.isEmpty()
                && remoteId == null
                && email == null
                && username == null
                && team == null
                && store == null;
    }

    /** Whether the rows come in the default order, by id. */
    boolean inIdOrder() {
        return Ordering.parse(ordering, ORDERINGS, "s.id").isAscendingById();
    }

    /** The account state the rows must have (null: either): {@code is_active} if given, else active unless {@code include_inactive}. */
    Boolean requiredActive() {
        return isActive != null ? isActive : includeInactive ? null : Boolean.TRUE;
    }

    /** Likewise for activation: {@code has_activated} if given, else activated only when {@code include_pending=false}. */
    Boolean requiredActivated() {
        return hasActivated != null ? hasActivated : includePending ? null : Boolean.TRUE;
    }

    String orderBy() {
        return Ordering.parse(ordering, ORDERINGS, "s.id").orderBy();
    }
}
