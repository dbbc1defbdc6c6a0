package com.staffkit.webhook;

import com.staffkit.common.error.InvalidRequestException;
import com.staffkit.common.input.JsonMergePatch;
import com.staffkit.common.paging.CursorPage;
import com.staffkit.common.paging.PageRequest;
import com.staffkit.common.paging.PageResponse;
import com.staffkit.common.security.Caller;
import com.staffkit.common.web.Created;
import com.staffkit.common.web.EntityTagged;
import com.staffkit.common.web.IfMatch;
import com.staffkit.role.Requires;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
@RequestMapping("/api/v1/webhooks")
@Tag(name = "Webhooks")
class WebhookController {

    /** A queued event: what {@code test} and {@code retry} answer. */
    @Schema(name = "WebhookQueued")
    record Queued(
            @Schema(description = "The event's id, sent as webhook-id")
            UUID eventId,

            @Schema(example = "queued") String status) {

        static Queued of(UUID eventId) {
            return new Queued(eventId, "queued");
        }
    }

    private static final int MAX_DELIVERIES_PAGE = 200;
    private static final int DEFAULT_DELIVERIES_PAGE = 50;

    private final WebhookService webhooks;
    private final JsonMergePatch mergePatch;

    WebhookController(WebhookService webhooks, JsonMergePatch mergePatch) {
        this.webhooks = webhooks;
        this.mergePatch = mergePatch;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Requires.WebhooksManage
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            operationId = "createWebhook",
            summary = "Create a webhook endpoint",
            description = "Events of your organization whose type matches event_types are POSTed to url, signed per"
                    + " Standard Webhooks 1.0. The answer carries the signing secret; it is shown only here and on"
                    + " rotation.")
    ResponseEntity<WebhookResponse> create(
            @Parameter(hidden = true) @AuthenticationPrincipal Caller caller,
            @Valid @RequestBody WebhookRequest request) {
        WebhookResponse created = webhooks.create(caller, request);
        return ResponseEntity.created(Created.location("/api/v1/webhooks/{id}", created.id()))
                .cacheControl(CacheControl.noStore())
                .body(created);
    }

    @GetMapping
    @Requires.WebhooksManage
    @Operation(operationId = "listWebhooks", summary = "List webhook endpoints (never their secrets)")
    PageResponse<WebhookResponse> list(
            @Parameter(hidden = true) @AuthenticationPrincipal Caller caller,
            @RequestParam(required = false) Integer page,
            @RequestParam(name = "page_size", required = false) Integer pageSize) {
        return webhooks.list(caller, PageRequest.of(page, pageSize));
    }

    @EntityTagged
    @GetMapping("/{id}")
    @Requires.WebhooksManage
    @Operation(operationId = "getWebhook", summary = "Get one webhook endpoint (never its secret)")
    WebhookResponse get(@Parameter(hidden = true) @AuthenticationPrincipal Caller caller, @PathVariable long id) {
        return webhooks.get(caller, id);
    }

    @EntityTagged
    @PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Requires.WebhooksManage
    @Operation(
            operationId = "replaceWebhook",
            summary = "Replace a webhook endpoint",
            description = "Writable fields that are missing become their defaults.")
    WebhookResponse replace(
            @Parameter(hidden = true) @AuthenticationPrincipal Caller caller,
            @PathVariable long id,
            IfMatch ifMatch,
            @Valid @RequestBody WebhookRequest request) {
        return webhooks.replace(caller, id, ifMatch, request);
    }

    @EntityTagged
    @PatchMapping(
            path = "/{id}",
            consumes = {MediaType.APPLICATION_JSON_VALUE, "application/merge-patch+json"})
    @Requires.WebhooksManage
    @Operation(
            operationId = "updateWebhook",
            summary = "Change some fields of a webhook endpoint",
            description = "JSON merge patch; {\"is_active\": true} turns it on again after Staffkit disabled it.")
    WebhookResponse patch(
            @Parameter(hidden = true) @AuthenticationPrincipal Caller caller,
            @PathVariable long id,
            IfMatch ifMatch,
            @RequestBody JsonNode patch) {
        return webhooks.replace(
                caller, id, ifMatch, mergePatch.apply(webhooks.currentState(caller, id), patch, WebhookRequest.class));
    }

    @DeleteMapping("/{id}")
    @Requires.WebhooksManage
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(
            operationId = "deleteWebhook",
            summary = "Delete a webhook endpoint",
            description = "With its queued events and its delivery log.")
    ResponseEntity<Void> delete(
            @Parameter(hidden = true) @AuthenticationPrincipal Caller caller, @PathVariable long id, IfMatch ifMatch) {
        webhooks.delete(caller, id, ifMatch);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/rotate-secret")
    @Requires.WebhooksManage
    @Operation(
            operationId = "rotateWebhookSecret",
            summary = "Rotate a webhook endpoint's signing secret",
            description = "The answer carries the new secret. For 24 hours every delivery is signed with both the new"
                    + " and the old secret (two signatures in webhook-signature), so receivers can switch in their"
                    + " own time.")
    ResponseEntity<WebhookResponse> rotateSecret(
            @Parameter(hidden = true) @AuthenticationPrincipal Caller caller, @PathVariable long id) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(webhooks.rotateSecret(caller, id));
    }

    @PostMapping("/{id}/test")
    @Requires.WebhooksManage
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(
            operationId = "testWebhook",
            summary = "Send a webhook.test event",
            description = "Queued at once for this endpoint alone; its attempts show in the deliveries.")
    Queued test(@Parameter(hidden = true) @AuthenticationPrincipal Caller caller, @PathVariable long id) {
        return Queued.of(webhooks.test(caller, id));
    }

    @GetMapping("/{id}/deliveries")
    @Requires.WebhooksManage
    @Operation(
            operationId = "listWebhookDeliveries",
            summary = "List a webhook endpoint's delivery attempts",
            description = "Every attempt, newest first. Follow next for older ones.")
    CursorPage<WebhookDeliveryResponse> deliveries(
            @Parameter(hidden = true) @AuthenticationPrincipal Caller caller,
            @PathVariable long id,
            @Parameter(
                            name = "page_size",
                            description = "Page size, 1 to 200 (default 50)",
                            schema = @Schema(type = "integer", format = "int32", minimum = "1", maximum = "200"))
                    @RequestParam(name = "page_size", required = false)
                    @Nullable
                    Integer pageSize,
            @Parameter(description = "Where the previous page ended: taken from its next link")
                    @RequestParam(required = false)
                    @Nullable
                    Long cursor) {
        if (pageSize != null && (pageSize < 1 || pageSize > MAX_DELIVERIES_PAGE)) {
            throw InvalidRequestException.forField("page_size", "must be between 1 and " + MAX_DELIVERIES_PAGE);
        }
        int size = pageSize == null ? DEFAULT_DELIVERIES_PAGE : pageSize;
        return CursorPage.of(webhooks.deliveries(caller, id, cursor, size + 1), size, WebhookDeliveryResponse::id);
    }

    @PostMapping("/{id}/deliveries/{deliveryId}/retry")
    @Requires.WebhooksManage
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(
            operationId = "retryWebhookDelivery",
            summary = "Send a delivered or failed event again",
            description = "Queued at once with the same webhook-id and body; its attempts show in the deliveries.")
    Queued retry(
            @Parameter(hidden = true) @AuthenticationPrincipal Caller caller,
            @PathVariable long id,
            @PathVariable long deliveryId) {
        return Queued.of(webhooks.retry(caller, id, deliveryId));
    }
}
