package com.staffkit.common.paging;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** One page of a list, as in the seeds: {@code count}, absolute {@code next}/{@code previous} links, {@code results}. */
public record PageResponse<T>(
        @Schema(description = "Number of items matching the filters, on all pages", example = "42")
        long count,

        @Schema(description = "Absolute URL of the next page, keeping every filter; null on the last page") @Nullable
        String next,

        @Schema(description = "Absolute URL of the previous page; null on the first page") @Nullable
        String previous,

        List<T> results) {}
