package com.staffkit.common.paging;

import com.staffkit.common.error.InvalidRequestException;
import java.util.Map;

/**
 * An {@code ordering} parameter checked against an allow-list of columns ({@code -} for
 * descending), turned into an {@code order by} with the id as tie-breaker so pages are stable.
 */
public record Ordering(String column, boolean descending, String idColumn) {

    public static Ordering parse(String value, Map<String, String> columns, String idColumn) {
        String ordering = value == null || value.isBlank() ? "id" : value.trim();
        boolean descending = ordering.startsWith("-");
        String name = descending ? ordering.substring(1) : ordering;
        String column = columns.get(name);
        if (column == null) {
            throw InvalidRequestException.forField(
                    "ordering",
                    "must be one of "
                            + String.join(
                                    ", ", columns.keySet().stream().sorted().toList()) + ", with - for descending");
        }
        return new Ordering(column, descending, idColumn);
    }

    /** Whether rows come by id, ascending: the order that can page by key. */
    public boolean isAscendingById() {
        return column.equals(idColumn) && !descending;
    }

    public String orderBy() {
        String direction = descending ? " desc" : " asc";
        return column.equals(idColumn) ? column + direction : column + direction + ", " + idColumn + direction;
    }
}
