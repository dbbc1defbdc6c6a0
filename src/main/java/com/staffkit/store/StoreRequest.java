package com.staffkit.store;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Create (POST) or full replace (PUT) of a store; a PATCH is merged onto it. */
@Schema(name = "StoreRequest")
@JsonIgnoreProperties({"id", "staff_count", "created_at", "modified_at"})
record StoreRequest(
        @Schema(description = "Only a caller that sees several organizations needs to set it; defaults to the caller's")
        Long organization,

        @Schema(example = "Shop 2") @NotBlank @Size(max = 200)
        String name,

        @Schema(example = "shop2@example.com") @Email @Size(max = 254)
        String email,

        @Schema(example = "+32043843443")
        @Pattern(regexp = "^\\+?[0-9][0-9 ()./-]{2,31}$", message = "must be a phone number such as +32043843443")
        String phoneNumber,

        @Schema(description = "External id, unique per organization", example = "shop2") @Size(max = 255)
        String remoteId,

        @Schema(description = "Defaults to true") Boolean isActive,
        @Valid Address address) {

    record Address(
            @Schema(example = "Shop 2 Address") @Size(max = 500)
            String line,

            @Size(max = 20) String postcode,
            @Schema(example = "Istanbul") @Size(max = 100) String city,
            @Schema(example = "Kadıköy") @Size(max = 100) String township,

            @Schema(description = "ISO 3166-1 alpha-2", example = "TR")
            @Pattern(regexp = "^[A-Z]{2}$", message = "must be an ISO 3166-1 alpha-2 code such as TR")
            String country) {

        static final Address EMPTY = new Address(null, null, null, null, null);
    }
}
