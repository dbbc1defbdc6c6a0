package com.staffkit.staff;

import com.staffkit.common.error.FieldViolation;
import com.staffkit.common.error.InvalidRequestException;
import com.staffkit.common.paging.PageRequest;
import com.staffkit.common.paging.PageResponse;
import com.staffkit.common.security.Caller;
import com.staffkit.staff.StaffQueries.CountedPage;
import com.staffkit.staff.StaffQueries.PageItems;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Reading staff as the caller may see them: one staff member, the list, lookups, the service user. */
@Service
public class StaffReader {

    /** How many matches of one lookup are kept in memory; a lookup matching more reads the database. */
    private static final int MATCHES_KEPT = 8;

    private final StaffQueries queries;
    private final StaffRowCache cache;
    private final StaffMapper mapper;

    StaffReader(StaffQueries queries, StaffRowCache cache, StaffMapper mapper) {
        this.queries = queries;
        this.cache = cache;
        this.mapper = mapper;
    }

    // Single-statement reads run without a transaction: no BEGIN/COMMIT round trips and no
    // persistence context on the hot path; inside a write transaction they join it as usual.
    public StaffResponse get(Caller caller, long id) {
        return visibleRow(Visibility.of(caller), id)
                .map(mapper::toResponse)
                .orElseThrow(() -> StaffNotFoundException.forId(id));
    }

    private Optional<StaffRow> visibleRow(Visibility visibility, long id) {
        return readsFromMemory() ? rowFromMemory(visibility, id) : queries.findById(id, visibility);
    }

    /**
     * Outside a transaction, reads may come from memory; inside one (a write reading back what it
     * wrote) they go to the database, which holds what the transaction changed.
     */
    private static boolean readsFromMemory() {
        return !TransactionSynchronizationManager.isActualTransactionActive();
    }

    /** The row from memory when it is there (else read and kept), if the caller may see it. */
    private Optional<StaffRow> rowFromMemory(Visibility visibility, long id) {
        return cache.row(id, queries::findAnyById).filter(visibility::sees);
    }

    /** The staff members of these ids the caller may see, by id: one statement however many. */
    Map<Long, StaffResponse> getAll(Caller caller, Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return queries.findByIds(ids, Visibility.of(caller)).stream()
                .collect(Collectors.toMap(StaffRow::id, mapper::toResponse));
    }

    /** Rows by id as they are now, for whoever may see each: read once for several callers ({@link #asSeenBy}). */
    Map<Long, StaffRow> rows(Collection<Long> ids) {
        return ids.isEmpty()
                ? Map.of()
                : queries.findAnyByIds(ids).stream().collect(Collectors.toMap(StaffRow::id, row -> row));
    }

    /**
     * The rows of ids found in SQL (a page's, a lookup's matches) in their order, from memory where
     * they are (the rest in one statement). Each is checked again against what the caller sees: a
     * row that changed since its id was read is shown as it is now, or left out if the caller no
     * longer sees it.
     */
    private List<StaffRow> visibleRows(Visibility visibility, List<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<Long, StaffRow> rows = readsFromMemory() ? cache.rows(ids, this::rows) : rows(ids);
        return ids.stream()
                .map(rows::get)
                .filter(row -> row != null && visibility.sees(row))
                .toList();
    }

    /** A row read by {@link #rows} as {@link #get} would answer this caller. */
    StaffResponse asSeenBy(Caller caller, StaffRow row) {
        if (!Visibility.of(caller).sees(row)) {
            throw StaffNotFoundException.forId(row.id());
        }
        return mapper.toResponse(row);
    }

    /** Whether the caller may read this staff member, by the same rule as {@link #get}. */
    boolean canRead(Caller caller, long id) {
        return queries.findById(id, Visibility.of(caller)).isPresent();
    }

    /** A staff member of this organization as an organization-wide reader sees it (a webhook's payload). */
    public Optional<StaffResponse> inOrganization(long organizationId, long id) {
        return queries.findById(id, Visibility.organization(organizationId)).map(mapper::toResponse);
    }

    /** The caller's own staff representation, whatever its store scope. */
    public StaffResponse self(Caller caller) {
        long staffId = caller.requireStaff("An API key is not a staff member.");
        return queries.findById(staffId, Visibility.organization(caller.organizationId()))
                .map(mapper::toResponse)
                .orElseThrow(() -> StaffNotFoundException.forId(staffId));
    }

    /**
     * The page and the count are two statements; under concurrent writes they may differ by a row or
     * two. A plain search and a store's or a team's staff come with their count in one statement;
     * other lists in id order without a search page by key ({@code after} in their next links). A
     * search keeps page numbers: its pages end at the count's cap.
     */
    PageResponse<StaffResponse> list(Caller caller, StaffFilter filter, PageRequest page) {
        Visibility visible = Visibility.of(caller);
        boolean keyed = filter.inIdOrder() && !filter.searching();
        if (page.after() != null && !keyed) {
            throw new InvalidRequestException(
                    "after: only lists in id order without search page by key; leave it out here",
                    List.of(new FieldViolation("after", "only with the default ordering by id and no search")));
        }
        Optional<CountedPage<StaffRow>> searched = plainSearch(visible, filter, page);
        if (searched.isPresent()) {
            CountedPage<StaffRow> found = searched.get();
            return page.counted(found.items(), found.total(), found::total, mapper::toResponse);
        }
        // A store's or a team's few hundred staff: offsets are cheap, the count comes with the page.
        if (page.after() == null && (filter.store() != null || filter.team() != null)) {
            CountedPage<StaffRow> counted = listCounted(visible, filter, page);
            return page.counted(
                    counted.items(), counted.total(), () -> queries.count(visible, filter), mapper::toResponse);
        }
        if (keyed) {
            return page.fetchAfter(
                    (limit, offset, after) -> queries.list(visible, filter, limit, offset, after),
                    () -> queries.count(visible, filter),
                    StaffRow::id,
                    mapper::toResponse);
        }
        return page.fetch(
                (limit, offset) -> queries.list(visible, filter, limit, offset, null),
                () -> queries.count(visible, filter),
                mapper::toResponse);
    }

    /**
     * Whether a page reads only its ids in SQL and its rows from memory: while memory holds every
     * row read. Once staff outnumber it, a page's rows would mostly be missing (a second statement)
     * and, kept, push out the rows read by id; such a page reads its rows with its ids.
     */
    private boolean pageRowsFromMemory() {
        return readsFromMemory() && cache.hasRoom();
    }

    private Optional<CountedPage<StaffRow>> plainSearch(Visibility visible, StaffFilter filter, PageRequest page) {
        if (!pageRowsFromMemory()) {
            return queries.plainSearch(visible, filter, page.pageSize(), page.offset(), PageItems.ROWS);
        }
        return queries.plainSearch(visible, filter, page.pageSize(), page.offset(), PageItems.IDS)
                .map(ids -> visibleRows(visible, ids));
    }

    private CountedPage<StaffRow> listCounted(Visibility visible, StaffFilter filter, PageRequest page) {
        if (!pageRowsFromMemory()) {
            return queries.listCounted(visible, filter, page.pageSize(), page.offset(), PageItems.ROWS);
        }
        return visibleRows(
                visible, queries.listCounted(visible, filter, page.pageSize(), page.offset(), PageItems.IDS));
    }

    private CountedPage<StaffRow> visibleRows(Visibility visible, CountedPage<Long> ids) {
        return new CountedPage<>(visibleRows(visible, ids.items()), ids.total());
    }

    StaffResponse lookup(Caller caller, StaffLookup lookup) {
        Visibility visibility = Visibility.of(caller);
        Optional<StaffRow> found =
                readsFromMemory() ? cachedLookup(visibility, lookup) : queries.lookup(visibility, lookup);
        return found.map(mapper::toResponse).orElseThrow(StaffNotFoundException::forLookup);
    }

    /**
     * The lookup's matches from memory, narrowed to those the caller sees: exactly one, or none
     * (ambiguous or unknown), as {@link StaffQueries#lookup} decides in SQL. A lookup matching more
     * staff than are kept is left to the database.
     */
    private Optional<StaffRow> cachedLookup(Visibility visibility, StaffLookup lookup) {
        Optional<List<Long>> matches = cache.matches(lookup, key -> {
            List<Long> ids = queries.lookupIds(key, MATCHES_KEPT + 1);
            return ids.size() > MATCHES_KEPT ? Optional.empty() : Optional.of(ids);
        });
        if (matches.isEmpty()) {
            return queries.lookup(visibility, lookup);
        }
        List<StaffRow> visible = visibleRows(visibility, matches.get());
        return visible.size() == 1 ? Optional.of(visible.getFirst()) : Optional.empty();
    }

    @Transactional(readOnly = true)
    StaffResponse serviceUser(Caller caller, Long organization) {
        long organizationId = organization == null ? caller.organizationId() : organization;
        if (!caller.canSee(organizationId)) {
            throw StaffNotFoundException.serviceUser();
        }
        return queries.findServiceUser(organizationId)
                .map(mapper::toResponse)
                .orElseThrow(StaffNotFoundException::serviceUser);
    }
}
