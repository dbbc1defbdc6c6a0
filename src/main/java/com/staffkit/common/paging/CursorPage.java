package com.staffkit.common.paging;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One page of a list that only grows at its front (newest first): {@code next} continues after the
 * last item by its key, so the pages stay the same while new items arrive; no count, which a growing
 * table of millions cannot give cheaply.
 */
public record CursorPage<T>(
        @Schema(description = "Absolute URL of the next (older) page, keeping every filter; null on the last page")
        @Nullable
        String next,

        List<T> results) {}
