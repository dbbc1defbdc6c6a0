package com.staffkit.staff;

import com.staffkit.common.error.InvalidRequestException;
import io.swagger.v3.oas.annotations.Parameter;
import java.util.UUID;
import org.springframework.web.bind.annotation.BindParam;

/** {@code GET /api/v1/staffs/lookup}: at least one identifier; all given must match. Bound from the query string by name. */
record StaffLookup(
        UUID key,
        String email,
        String username,

        @BindParam("remote_id") @Parameter(name = "remote_id")
        String remoteId,

        @Parameter(description = "Organization id (for callers that see several)")
        Long organization) {

    StaffLookup {
        if (key == null && isBlank(email) && isBlank(username) && isBlank(remoteId)) {
            throw InvalidRequestException.forField("key", "give at least one of key, email, username or remote_id");
        }
        email = isBlank(email) ? null : email.trim();
        username = isBlank(username) ? null : username.trim();
        remoteId = isBlank(remoteId) ? null : remoteId;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
