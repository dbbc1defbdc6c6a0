package com.staffkit.common.web;

import com.staffkit.common.error.PreconditionFailedException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A write's {@code If-Match} (RFC 9110 §13.1.1): absent, {@code *} (the resource exists, whatever
 * its state) or a list of entity tags compared strongly, so a weak tag never matches. Controllers
 * take it as a parameter ({@link IfMatchArgumentResolver} also enforces {@code
 * STAFFKIT_REQUIRE_IF_MATCH}); services check it against the representation they read in the
 * write's transaction.
 */
public record IfMatch(boolean present, boolean any, List<String> tags) {

    public static final IfMatch ABSENT = new IfMatch(false, false, List.of());

    public static IfMatch parse(@Nullable String header) {
        if (header == null || header.isBlank()) {
            return ABSENT;
        }
        if (header.trim().equals("*")) {
            return new IfMatch(true, true, List.of());
        }
        List<String> tags = new ArrayList<>();
        for (String part : header.split(",")) {
            String tag = part.trim();
            if (!tag.isEmpty()) {
                tags.add(tag);
            }
        }
        return new IfMatch(true, false, List.copyOf(tags));
    }

    /**
     * Fails with 412 unless the current tag is one the client named (or it named {@code *}, or none).
     * The tag is computed only when it is needed: a write without {@code If-Match} reads nothing more.
     */
    public void check(Supplier<String> currentTag) {
        if (!present || any) {
            return;
        }
        if (!tags.contains(currentTag.get())) {
            throw new PreconditionFailedException(
                    "The resource has changed since the version in If-Match; read it again and retry.");
        }
    }
}
