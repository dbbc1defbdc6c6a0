package com.staffkit.staff;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import org.hibernate.validator.constraints.URL;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * A full replace (PUT) of the writable fields; a PATCH is merged onto the current state and bound
 * to this same record. Read-only fields a client may echo back are ignored.
 */
@Schema(name = "StaffUpdate")
@JsonIgnoreProperties(
        value = {
            "id",
            "key",
            "organization",
            "full_name",
            "has_activated",
            "last_login",
            "date_joined",
            "created_at",
            "modified_at",
            "teams",
            "current_store",
            "generated_password"
        },
        allowSetters = false)
record UpdateStaffRequest(
        @Size(max = StaffFields.NAME_MAX)
        @Pattern(regexp = StaffFields.USERNAME_PATTERN, message = StaffFields.USERNAME_MESSAGE)
        String username,

        @Email @Size(max = StaffFields.EMAIL_MAX) String email,

        @Schema(example = "John") @NotBlank @Size(max = StaffFields.NAME_MAX)
        String firstName,

        @Schema(example = "Doe") @NotBlank @Size(max = StaffFields.NAME_MAX)
        String lastName,

        @Size(max = StaffFields.NAME_MAX) String jobTitle,

        @Pattern(regexp = StaffFields.PHONE_PATTERN, message = StaffFields.PHONE_MESSAGE)
        String phone,

        @Pattern(regexp = StaffFields.PHONE_PATTERN, message = StaffFields.PHONE_MESSAGE)
        String mobilePhone,

        @Schema(description = "IANA time zone", example = "Europe/Istanbul") @Size(max = 64)
        String timeZone,

        @URL(regexp = "^(https?)://.*", message = "must be an http or https URL") @Size(max = 2048)
        String avatarUrl,

        @Size(max = 255) String remoteId,
        @Size(max = 100) Map<@NotBlank @Size(max = 100) String, @NotNull @Size(max = 1000) String> attributes,
        @Size(max = 50) List<@NotBlank @Size(max = 64) String> tags,

        @Schema(description = "Role names; defaults to [\"member\"]", example = "[\"member\"]") @Size(min = 1, max = 20)
        List<@NotBlank @Pattern(regexp = StaffFields.ROLE_PATTERN) String> roles,

        @Schema(description = "Defaults to true") Boolean isActive,

        @Schema(description = "Store ids") @Size(max = 500) @JsonDeserialize(contentUsing = StoreIdDeserializer.class)
        List<@NotNull Long> retailStores,

        Boolean fullStoreAccess)
        implements StaffInput {}
