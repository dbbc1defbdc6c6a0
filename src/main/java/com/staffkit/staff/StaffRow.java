package com.staffkit.staff;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A staff member as read by {@link StaffQueries}: the row with its role names, in one query. */
record StaffRow(
        long id,
        UUID key,
        long organizationId,
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
        List<String> roles,
        List<StaffResponse.TeamSummary> teams,
        List<StaffResponse.StoreSummary> retailStores,
        StaffResponse.StoreSummary currentStore,
        boolean active,
        boolean hasActivated,
        boolean seesAllStores,
        Instant lastLogin,
        Instant dateJoined,
        Instant createdAt,
        Instant modifiedAt) {}
