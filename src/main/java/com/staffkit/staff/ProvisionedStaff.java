package com.staffkit.staff;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A staff member as an identity provider sees it: the profile it provisions, its state, its teams
 * and the version its ETag names (the row's optimistic-lock version, so every change moves it).
 */
public record ProvisionedStaff(
        long id,
        @Nullable String username,
        @Nullable String email,
        String firstName,
        String lastName,
        @Nullable String jobTitle,
        @Nullable String phone,
        @Nullable String mobilePhone,
        @Nullable String timeZone,
        @Nullable String remoteId,
        DirectoryProfile directory,
        boolean active,
        List<TeamRef> teams,
        Instant createdAt,
        Instant modifiedAt,
        long version) {

    public record TeamRef(long id, String name) {}
}
