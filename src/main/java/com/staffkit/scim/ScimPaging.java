package com.staffkit.scim;

import org.jspecify.annotations.Nullable;

/**
 * A list's {@code startIndex} (1-based; below 1 counts as 1) and {@code count} (default
 * {@value #DEFAULT_COUNT}, at most {@link ServiceProviderConfig#MAX_RESULTS}; 0 returns only
 * {@code totalResults}), as RFC 7644 §3.4.2.4 reads them.
 */
record ScimPaging(int startIndex, int count) {

    static final int DEFAULT_COUNT = 100;

    static ScimPaging of(@Nullable String startIndex, @Nullable String count) {
        int start = Math.max(1, integer(startIndex, "startIndex", 1));
        int size = Math.clamp(integer(count, "count", DEFAULT_COUNT), 0, ServiceProviderConfig.MAX_RESULTS);
        return new ScimPaging(start, size);
    }

    int offset() {
        return startIndex - 1;
    }

    private static int integer(@Nullable String value, String name, int absent) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException ex) {
            long big;
            try {
                big = Long.parseLong(value.trim());
            } catch (NumberFormatException notANumber) {
                throw ScimException.invalidValue(name + " must be an integer.");
            }
            return big > 0 ? Integer.MAX_VALUE : Integer.MIN_VALUE;
        }
    }
}
