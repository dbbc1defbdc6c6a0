package com.staffkit.common.paging;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * One page of a list that only grows at its front (newest first): {@code next} continues after the
 * last item by its key, so the pages stay the same while new items arrive; no count, which a growing
 * table of millions cannot give cheaply.
 */
public record CursorPage<T>(
        @Schema(description = "Absolute URL of the next (older) page, keeping every filter; null on the last page")
        @Nullable
        String next,

        List<T> results) {

    /**
     * The page of {@code found}, which holds up to {@code size + 1} items: one more than the page
     * shows means there is a next page, continuing after the last item shown by its cursor.
     */
    public static <T> CursorPage<T> of(List<T> found, int size, Function<T, Object> cursorOf) {
        if (found.size() <= size) {
            return new CursorPage<>(null, List.copyOf(found));
        }
        List<T> results = found.subList(0, size);
        String next = ServletUriComponentsBuilder.fromCurrentRequest()
                .replaceQueryParam("cursor", cursorOf.apply(results.getLast()))
                .build()
                .toUriString();
        return new CursorPage<>(next, List.copyOf(results));
    }
}
