package com.staffkit.webhook;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Create (POST) or full replace (PUT) of a webhook endpoint; a PATCH is merged onto it. */
@Schema(name = "WebhookRequest")
@JsonIgnoreProperties({"id", "organization", "disabled_reason", "created_at", "modified_at"})
record WebhookRequest(
        @Schema(
                description = "Where events are POSTed: https (http only where the service allows it), on the"
                        + " public internet, without user info or fragment",
                example = "https://payroll.example.com/hooks/staffkit")
        @NotBlank
        @Size(max = 2000)
        String url,

        @ArraySchema(
                arraySchema =
                        @Schema(
                                description =
                                        "The event types sent: exact (team.member_added), a family (staff.*) or all (*)",
                                example = "[\"staff.*\", \"team.member_added\"]"),
                schema = @Schema(example = "staff.*"))
        @NotNull
        @NotEmpty
        @Size(max = 100)
        List<
                        @NotNull
                        @Pattern(
                                regexp = WebhookEventTypes.PATTERN,
                                message = "must be an event type such as staff.created, a family such as staff.* or *")
                        String>
                eventTypes,

        @Schema(example = "Payroll sync") @Size(max = 500) @Nullable
        String description,

        @Schema(description = "Defaults to true; false stops deliveries (and drops the ones still queued)") @Nullable
        Boolean isActive) {

    boolean active() {
        return isActive == null || isActive;
    }

    String descriptionOrEmpty() {
        return description == null ? "" : description.strip();
    }
}
