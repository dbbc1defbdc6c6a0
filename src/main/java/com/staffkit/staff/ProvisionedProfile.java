package com.staffkit.staff;

import org.jspecify.annotations.Nullable;

/**
 * What an identity provider writes of a staff member: a whole replacement of these fields (an
 * absent one is cleared), everything else (roles, stores, tags, attributes, avatar) kept as it is.
 * A password only on create; {@code active} null keeps the state.
 */
public record ProvisionedProfile(
        @Nullable String username,
        @Nullable String email,
        @Nullable String firstName,
        @Nullable String lastName,
        @Nullable String jobTitle,
        @Nullable String phone,
        @Nullable String mobilePhone,
        @Nullable String timeZone,
        @Nullable String remoteId,
        DirectoryProfile directory,
        @Nullable Boolean active,
        @Nullable String password) {

    @Override
    public String toString() {
        return "ProvisionedProfile[username=" + username + ", remoteId=" + remoteId + "]";
    }
}
