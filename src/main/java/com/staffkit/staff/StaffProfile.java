package com.staffkit.staff;

import com.staffkit.common.error.FieldViolation;
import com.staffkit.common.error.InvalidRequestException;
import com.staffkit.role.RoleGrant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
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

    /** Normalizes the input and checks the rules that span fields. */
    static StaffProfile of(StaffInput input, List<RoleGrant> roles) {
        String email = blankToNull(input.email());
        boolean onlyWorkers = roles.stream().allMatch(r -> r.builtIn() && RoleGrant.WORKER.equals(r.name()));
        List<FieldViolation> errors = new java.util.ArrayList<>();
        if (email == null && !onlyWorkers) {
            errors.add(new FieldViolation("email", "is required unless every role is worker"));
        }
        String timeZone = blankToNull(input.timeZone());
        if (timeZone != null) {
            if (!ZoneId.getAvailableZoneIds().contains(timeZone)) {
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
