package com.staffkit.common.paging;

import com.staffkit.common.error.FieldViolation;
import com.staffkit.common.error.InvalidRequestException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * A validated page request: {@code page} counts from 1, {@code page_size} is bounded. {@code after},
 * set by the {@code next} links of lists in id order, is the id of the previous page's last row: the
 * page starts after it instead of after {@code (page - 1) * page_size} skipped rows.
 */
public record PageRequest(int page, int pageSize, Long after) {

    public static final int DEFAULT_PAGE_SIZE = 20;
    public static final int MAX_PAGE_SIZE = 1000;

    public PageRequest(int page, int pageSize) {
        this(page, pageSize, null);
    }

    public static PageRequest of(Integer page, Integer pageSize) {
        return of(page, pageSize, null);
    }

    public static PageRequest of(Integer page, Integer pageSize, Long after) {
        int p = page == null ? 1 : page;
        int size = pageSize == null ? DEFAULT_PAGE_SIZE : pageSize;
        List<FieldViolation> errors = new ArrayList<>();
        if (p < 1) {
            errors.add(new FieldViolation("page", "must be 1 or more"));
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            errors.add(new FieldViolation("page_size", "must be between 1 and " + MAX_PAGE_SIZE));
        }
        if (after != null && after < 0) {
            errors.add(new FieldViolation("after", "must be 0 or more"));
        }
        if (!errors.isEmpty()) {
            throw InvalidRequestException.of(errors);
        }
        return new PageRequest(p, size, after);
    }

    public long offset() {
        return (long) (page - 1) * pageSize;
    }

    /** The rows of one page: at most {@code limit} of them after skipping {@code offset}. */
    @FunctionalInterface
    public interface Rows<S> {
        List<S> fetch(int limit, long offset);
    }

    /**
     * Reads the page, then counts only when the page cannot tell: a first page that is not full holds
     * every match, so small result sets (a team's members, a narrow filter) cost one statement. A
     * page past the end comes back empty, with the count.
     */
    public <T> PageResponse<T> fetch(Rows<T> rows, LongSupplier count) {
        return fetch(rows, count, Function.identity());
    }

    /**
     * The total of a page read at any offset (SCIM's {@code startIndex}): a page that is not full ends
     * the list, so unless it is empty past the start it tells the total; otherwise {@code count} does.
     */
    public static long totalOf(long offset, int limit, int found, LongSupplier count) {
        return found < limit && (offset == 0 || found > 0) ? offset + found : count.getAsLong();
    }

    public <S, T> PageResponse<T> fetch(Rows<S> rows, LongSupplier count, Function<S, T> mapper) {
        List<S> found = rows.fetch(pageSize, offset());
        long total = offset() == 0 && found.size() < pageSize ? found.size() : count.getAsLong();
        return endingAt(total, found, mapper);
    }

    /** The rows of one page in key order: at most {@code limit} after the key {@code after}, or after skipping {@code offset}. */
    @FunctionalInterface
    public interface KeyedRows<S> {
        List<S> fetch(int limit, long offset, Long after);
    }

    /**
     * Like {@link #fetch(Rows, LongSupplier, Function)} for a list in the order of a unique key, whose
     * {@code next} link carries {@code after}, the key of this page's last row: each page that follows
     * costs the same as the first however deep it is, and rows leaving earlier pages meanwhile shift
     * nothing. So {@code next} is there when rows follow this page (one more row is read to know),
     * whatever the count says; {@code previous} counts pages by offset.
     */
    public <S, T> PageResponse<T> fetchAfter(
            KeyedRows<S> rows, LongSupplier count, ToLongFunction<S> key, Function<S, T> mapper) {
        List<S> found = rows.fetch(pageSize + 1, offset(), after);
        boolean more = found.size() > pageSize;
        List<S> shown = more ? found.subList(0, pageSize) : found;
        long total = after == null && offset() == 0 && !more ? shown.size() : count.getAsLong();
        String next = more ? linkTo(page + 1, key.applyAsLong(shown.getLast())) : null;
        String previous = page > 1 ? linkTo(Math.min(page - 1, lastPage(total))) : null;
        return new PageResponse<>(
                total, next, previous, shown.stream().map(mapper).toList());
    }

    /**
     * A page whose query counted every match along with its rows. An empty page past the end saw
     * no row to carry the count, so {@code count} asks for it.
     */
    public <S, T> PageResponse<T> counted(List<S> rows, long total, LongSupplier count, Function<S, T> mapper) {
        return endingAt(rows.isEmpty() && offset() > 0 ? count.getAsLong() : total, rows, mapper);
    }

    /** A page that starts at or beyond the count is empty: a capped count ends the pages there. */
    private <S, T> PageResponse<T> endingAt(long count, List<S> rows, Function<S, T> mapper) {
        return toResponse(count, offset() < count ? rows : List.of(), mapper);
    }

    /** Builds the page with links to its neighbours from the current request, keeping every other parameter. */
    public <T> PageResponse<T> toResponse(long count, List<T> results) {
        String next = (long) page * pageSize < count ? linkTo(page + 1) : null;
        String previous = page > 1 ? linkTo(Math.min(page - 1, lastPage(count))) : null;
        return new PageResponse<>(count, next, previous, results);
    }

    public <S, T> PageResponse<T> toResponse(long count, List<S> rows, Function<S, T> mapper) {
        return toResponse(count, rows.stream().map(mapper).toList());
    }

    private int lastPage(long count) {
        return (int) Math.max(1, (count + pageSize - 1) / pageSize);
    }

    /** A link to another page of the current request: every parameter kept but {@code after}, which only a next link sets. */
    private static String linkTo(int page) {
        return linkTo(page, null);
    }

    /** A link to a page of the current request starting after the key {@code after} (none: by offset). */
    private static String linkTo(int page, Long after) {
        UriComponentsBuilder link =
                ServletUriComponentsBuilder.fromCurrentRequest().replaceQueryParam("page", page);
        return (after == null ? link.replaceQueryParam("after") : link.replaceQueryParam("after", after))
                .build()
                .toUriString();
    }
}
