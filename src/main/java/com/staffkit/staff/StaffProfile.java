package com.staffkit.staff;

import java.util.List;
import java.util.Map;

/** The writable profile of a staff member, normalized (trimmed, blanks as null, no null collections). */
record StaffProfile(
        String username,
        String email,
        String firstName,
        String lastName,
        String jobTitle,
        String phone,
        String mobilePhone,
        String timeZone,
        String avatarUrl,
        String remoteId,
        Map<String, String> attributes,
        List<String> tags,
        boolean fullStoreAccess,
        boolean active) {

    StaffProfile withFullStoreAccess(boolean value) {
        return new StaffProfile(
                username,
                email,
                firstName,
                lastName,
                jobTitle,
                phone,
                mobilePhone,
                timeZone,
                avatarUrl,
                remoteId,
                attributes,
                tags,
                value,
                active);
    }
}
