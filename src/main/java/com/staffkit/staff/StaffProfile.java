package com.staffkit.staff;

import com.staffkit.common.error.FieldViolation;
import com.staffkit.common.error.InvalidRequestException;
import com.staffkit.common.events.Changes;
import com.staffkit.role.RoleGrant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
        boolean allStoresGranted,
        boolean active) {

    /** The IANA zone ids, read once: the JDK hands out a fresh copy of all ~600 on every call. */
    private static final Set<String> TIME_ZONES = Set.copyOf(ZoneId.getAvailableZoneIds());

    StaffProfile withAllStoresGranted(boolean value) {
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

    /**
     * The fields that differ from {@code after}, by their JSON names; store access is reported with
     * the stores, by whoever changes them.
     */
    Changes changesTo(StaffProfile after) {
        return Changes.between()
                .field("username", username, after.username)
                .field("email", email, after.email)
                .field("first_name", firstName, after.firstName)
                .field("last_name", lastName, after.lastName)
                .field("job_title", jobTitle, after.jobTitle)
                .field("phone", phone, after.phone)
                .field("mobile_phone", mobilePhone, after.mobilePhone)
                .field("time_zone", timeZone, after.timeZone)
                .field("avatar_url", avatarUrl, after.avatarUrl)
                .field("remote_id", remoteId, after.remoteId)
                .field("attributes", attributes, after.attributes)
                .field("tags", tags, after.tags)
                .field("is_active", active, after.active);
    }

    /** Normalizes the input and checks the rules that span fields. */
    static StaffProfile of(StaffInput input, List<RoleGrant> roles) {
        String email = blankToNull(input.email());
        List<FieldViolation> errors = new java.util.ArrayList<>();
        // Only an account that may log in needs an email: its activation link goes there.
        if (email == null && RoleGrant.anyAllowsLogin(roles)) {
            errors.add(new FieldViolation("email", "is required unless every role is worker"));
        }
        String timeZone = blankToNull(input.timeZone());
        if (timeZone != null) {
            if (!TIME_ZONES.contains(timeZone)) {
                errors.add(new FieldViolation("time_zone", "must be an IANA time zone such as Europe/Istanbul"));
            }
        }
        if (!errors.isEmpty()) {
            throw InvalidRequestException.of(errors);
        }
        Map<String, String> attributes =
                input.attributes() == null ? Map.of() : new LinkedHashMap<>(input.attributes());
        List<String> tags = input.tags() == null
                ? List.of()
                : input.tags().stream().map(String::trim).distinct().toList();
        return new StaffProfile(
                blankToNull(input.username()),
                email,
                input.firstName().trim(),
                input.lastName().trim(),
                blankToNull(input.jobTitle()),
                blankToNull(input.phone()),
                blankToNull(input.mobilePhone()),
                timeZone,
                blankToNull(input.avatarUrl()),
                blankToNull(input.remoteId()),
                attributes,
                tags,
                Boolean.TRUE.equals(input.fullStoreAccess()),
                input.isActive() == null || input.isActive());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
