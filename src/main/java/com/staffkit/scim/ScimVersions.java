package com.staffkit.scim;

import org.jspecify.annotations.Nullable;

/**
 * ETags of SCIM resources (RFC 7644 §3.14): the row's version as a weak tag, {@code W/"7"}. An
 * {@code If-Match} names one version (strong or weak form) or {@code *}; a tag that names no
 * version of ours can never match, so it fails the precondition like a stale one.
 */
final class ScimVersions {

    /** Stands for an {@code If-Match} that can match no version. */
    static final long NEVER = -1;

    private ScimVersions() {}

    static String etag(long version) {
        return "W/\"" + version + "\"";
    }

    /** The version an {@code If-Match} requires, or null for none (absent or {@code *}). */
    static @Nullable Long required(@Nullable String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return null;
        }
        String tag = ifMatch.trim();
        if (tag.contains(",")) {
            // Identity providers send one tag; of a list, the first is taken.
            tag = tag.split(",")[0].trim();
        }
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
            tag = tag.substring(1, tag.length() - 1);
        }
        try {
            return Long.parseLong(tag);
        } catch (NumberFormatException ex) {
            return NEVER;
        }
    }
}
