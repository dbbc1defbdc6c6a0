package com.staffkit.staff;

import com.staffkit.common.error.InvalidRequestException;
import java.util.UUID;

/** {@code GET /api/v1/staffs/lookup}: at least one identifier; all given must match. */
record StaffLookup(UUID key, String email, String username, String remoteId, Long organization) {

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
