package com.staffkit.staff;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A staff member as clients see it. Never carries a password or its hash. */
@Schema(name = "Staff")
public record StaffResponse(
        @Schema(example = "68") long id,

        @Schema(description = "Stable public key", example = "4d5e8a8e-3b47-4e1c-9a52-6f0c5b9d2e71")
        UUID key,

        @Schema(description = "Organization id", example = "1")
        long organization,

        @Schema(example = "jdoe") @Nullable String username,
        @Schema(example = "john.doe@example.com") @Nullable String email,
        @Schema(example = "John") String firstName,
        @Schema(example = "Doe") String lastName,
        @Schema(example = "John Doe") String fullName,
        @Schema(example = "Store manager") @Nullable String jobTitle,
        @Schema(example = "+15555551212") @Nullable String phone,
        @Schema(example = "+13105551212") @Nullable String mobilePhone,

        @Schema(description = "IANA time zone", example = "Europe/Istanbul") @Nullable
        String timeZone,

        @Nullable String avatarUrl,
        @Schema(example = "[\"manager\"]") List<String> roles,
        boolean isActive,

        @Schema(description = "False until the account has a password (pending)")
        boolean hasActivated,

        @Schema(description = "External id for syncing", example = "3333") @Nullable
        String remoteId,

        Map<String, String> attributes,
        List<String> tags,
        List<StoreSummary> retailStores,
        boolean fullStoreAccess,
        @Nullable StoreSummary currentStore,
        List<TeamSummary> teams,
        @Nullable Instant lastLogin,
        Instant dateJoined,
        Instant createdAt,
        Instant modifiedAt,

        @Schema(description = "Present once, in the response to a create with generate_password: true")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Nullable
        String generatedPassword) {

    /** A store as listed on a staff member. */
    public record StoreSummary(
            long id, String name, @Nullable String remoteId, boolean isActive) {}

    /** A team as listed on a staff member. */
    public record TeamSummary(long id, String name) {}

    StaffResponse withGeneratedPassword(String password) {
        return new StaffResponse(
                id,
                key,
                organization,
                username,
                email,
                firstName,
                lastName,
                fullName,
                jobTitle,
                phone,
                mobilePhone,
                timeZone,
                avatarUrl,
                roles,
                isActive,
                hasActivated,
                remoteId,
                attributes,
                tags,
                retailStores,
                fullStoreAccess,
                currentStore,
                teams,
                lastLogin,
                dateJoined,
                createdAt,
                modifiedAt,
                password);
    }

    @Override
    public String toString() {
        return "StaffResponse[id=" + id + ", key=" + key + ", organization=" + organization + "]";
    }
}
