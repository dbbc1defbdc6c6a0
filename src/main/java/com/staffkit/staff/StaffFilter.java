package com.staffkit.staff;

import com.staffkit.common.paging.Ordering;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.BindParam;

/**
 * The list filters of {@code GET /api/v1/staffs/}, bound from the query string by name ({@link
 * BindParam}; {@link Parameter} names them alike in the API document). Code that lists staff starts
 * from a named filter ({@link #all()}, {@link #ofTeam}, {@link #ofStore}) and narrows it.
 *
 * @param isActive when given, exactly this state (overrides {@code includeInactive})
 * @param includePending absent: {@code true}
 * @param ordering an allow-listed column, {@code -} for descending
 */
record StaffFilter(
        @Parameter(description = "Case-insensitive partial match on names, email and username")
        String search,

        @BindParam("role") @Parameter(name = "role", description = "Role name; repeat for any of several")
        List<String> roles,

        @BindParam("is_active") @Parameter(name = "is_active")
        Boolean isActive,

        @BindParam("include_inactive")
        @Parameter(name = "include_inactive", schema = @Schema(type = "boolean", defaultValue = "false"))
        Boolean includeInactive,

        @BindParam("include_pending")
        @Parameter(name = "include_pending", schema = @Schema(type = "boolean", defaultValue = "true"))
        Boolean includePending,

        @BindParam("remote_id") @Parameter(name = "remote_id")
        String remoteId,

        @Parameter(description = "Exact, case-insensitive") String email,
        @Parameter(description = "Exact, case-insensitive") String username,

        @Parameter(description = "Organization id (for callers that see several)")
        Long organization,

        @Parameter(description = "Team id: only the team's members")
        Long team,

        @Parameter(description = "Store id: only the store's staff")
        Long store,

        @BindParam("has_activated")
        @Parameter(name = "has_activated", description = "false lists only pending (not yet activated) staff")
        Boolean hasActivated,

        @Parameter(description = "id, last_name, first_name, email, created_at or modified_at; prefix - for descending")
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
        includeInactive = includeInactive != null && includeInactive;
        roles = roles == null ? List.of() : List.copyOf(roles);
        includePending = includePending == null || includePending;
        Ordering.parse(ordering, ORDERINGS, "s.id");
    }

    /** Every active staff member, pending ones included: the list without parameters. */
    static StaffFilter all() {
        return new StaffFilter(null, List.of(), null, false, true, null, null, null, null, null, null, null, null);
    }

    /** The members of a team. */
    static StaffFilter ofTeam(long teamId) {
        return new StaffFilter(null, List.of(), null, false, true, null, null, null, null, teamId, null, null, null);
    }

    /** The staff of a store. */
    static StaffFilter ofStore(long storeId) {
        return new StaffFilter(null, List.of(), null, false, true, null, null, null, null, null, storeId, null, null);
    }

    /** This filter, with deactivated staff too when {@code includeInactive}. */
    StaffFilter includingInactive(boolean includeInactive) {
        return with(includeInactive, ordering);
    }

    /** This filter in another allow-listed order. */
    StaffFilter orderedBy(String ordering) {
        return with(includeInactive, ordering);
    }

    private StaffFilter with(Boolean includeInactive, String ordering) {
        return new StaffFilter(
                search,
                roles,
                isActive,
                includeInactive,
                includePending,
                remoteId,
                email,
                username,
                organization,
                team,
                store,
                hasActivated,
                ordering);
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
