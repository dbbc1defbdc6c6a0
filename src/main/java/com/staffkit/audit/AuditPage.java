package com.staffkit.audit;

import com.staffkit.common.error.FieldViolation;
import com.staffkit.common.error.InvalidRequestException;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.BindParam;

/** Which page of the audit trail: its size and where the previous page ended (its {@code next} link's cursor). */
record AuditPage(
        @BindParam("page_size")
        @Parameter(
                name = "page_size",
                description = "Page size, 1 to 200 (default 50)",
                schema =
                        @Schema(
                                type = "integer",
                                format = "int32",
                                minimum = "1",
                                maximum = "200",
                                defaultValue = "50"))
        @Nullable
        Integer pageSize,

        @Parameter(description = "Where the previous page ended: taken from its next link") @Nullable
        String cursor) {

    static final int DEFAULT_SIZE = 50;
    static final int MAX_SIZE = 200;

    AuditPage {
        List<FieldViolation> errors = new ArrayList<>();
        if (pageSize != null && (pageSize < 1 || pageSize > MAX_SIZE)) {
            errors.add(new FieldViolation("page_size", "must be between 1 and " + MAX_SIZE));
        }
        if (cursor != null && AuditEventIds.parse(cursor).isEmpty()) {
            errors.add(new FieldViolation("cursor", "not a cursor of this list; follow the next link"));
        }
        if (!errors.isEmpty()) {
            throw InvalidRequestException.of(errors);
        }
    }

    int size() {
        return pageSize == null ? DEFAULT_SIZE : pageSize;
    }

    /** The id the page starts below, or null for the newest page. */
    @Nullable
    UUID before() {
        return cursor == null ? null : AuditEventIds.parse(cursor).orElseThrow();
    }
}
