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

/** A new staff member. {@code email} is required unless every role is {@code worker}. */
@Schema(name = "StaffCreate")
@JsonIgnoreProperties(
        value = {
            "id",
            "key",
            "full_name",
            "has_activated",
            "last_login",
            "date_joined",
            "created_at",
            "modified_at",
            "teams",
            "current_store"
        },
        allowSetters = false)
record CreateStaffRequest(
        @Schema(description = "Only a caller that sees several organizations needs to set it; defaults to the caller's")
        Long organization,

        @Schema(example = "jdoe")
        @Size(max = StaffFields.NAME_MAX)
        @Pattern(regexp = StaffFields.USERNAME_PATTERN, message = StaffFields.USERNAME_MESSAGE)
        String username,

        @Schema(example = "john.doe@example.com") @Email @Size(max = StaffFields.EMAIL_MAX)
        String email,

        @Schema(example = "John") @NotBlank @Size(max = StaffFields.NAME_MAX)
        String firstName,

        @Schema(example = "Doe") @NotBlank @Size(max = StaffFields.NAME_MAX)
        String lastName,

        @Schema(example = "Store manager") @Size(max = StaffFields.NAME_MAX)
        String jobTitle,

        @Pattern(regexp = StaffFields.PHONE_PATTERN, message = StaffFields.PHONE_MESSAGE)
        String phone,

        @Pattern(regexp = StaffFields.PHONE_PATTERN, message = StaffFields.PHONE_MESSAGE)
        String mobilePhone,

        @Schema(description = "IANA time zone", example = "Europe/Istanbul") @Size(max = 64)
        String timeZone,

        @URL(regexp = "^(https?)://.*", message = "must be an http or https URL") @Size(max = 2048)
        String avatarUrl,

        @Schema(example = "3333") @Size(max = 255) String remoteId,
        @Size(max = 100) Map<@NotBlank @Size(max = 100) String, @NotNull @Size(max = 1000) String> attributes,
        @Size(max = 50) List<@NotBlank @Size(max = 64) String> tags,

        @Schema(description = "Role names; defaults to [\"member\"]", example = "[\"manager\"]")
        @Size(min = 1, max = 20)
        List<@NotBlank @Pattern(regexp = StaffFields.ROLE_PATTERN) String> roles,

        @Schema(description = "Defaults to true") Boolean isActive,

        @Schema(description = "Store ids") @Size(max = 500) @JsonDeserialize(contentUsing = StoreIdDeserializer.class)
        List<@NotNull Long> retailStores,

        Boolean fullStoreAccess,

        @Schema(description = "Initial password (10 to 128 characters); the account is activated")
        @Size(min = 10, max = 128)
        String password,

        @Schema(
                description =
                        "Generate a strong password, returned once as generated_password; the account is activated")
        Boolean generatePassword)
        implements StaffInput {

    @Override
    public String toString() {
        return "CreateStaffRequest[email=" + email + ", username=" + username + "]";
    }
}
