package com.staffkit.organization;

import com.staffkit.common.input.JsonMergePatch;
import com.staffkit.common.paging.PageRequest;
import com.staffkit.common.paging.PageResponse;
import com.staffkit.common.security.Caller;
import com.staffkit.common.web.Created;
import com.staffkit.common.web.EntityTagged;
import com.staffkit.common.web.IfMatch;
import com.staffkit.role.Requires;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
@RequestMapping("/api/v1/organizations")
@Tag(name = "Organizations")
class OrganizationController {

    private final OrganizationService organizations;
    private final JsonMergePatch mergePatch;

    OrganizationController(OrganizationService organizations, JsonMergePatch mergePatch) {
        this.organizations = organizations;
        this.mergePatch = mergePatch;
    }

    @GetMapping
    @Requires.OrganizationsRead
    @Operation(
            operationId = "listOrganizations",
            summary = "List the organizations you see",
            description = "Your own and its descendants.")
    PageResponse<OrganizationResponse> list(
            @Parameter(hidden = true) @AuthenticationPrincipal Caller caller,
            @RequestParam(required = false) Integer page,
            @RequestParam(name = "page_size", required = false) Integer pageSize,
            @ParameterObject OrganizationFilter filter) {
        return organizations.list(caller, filter, PageRequest.of(page, pageSize));
    }

    @EntityTagged
    @GetMapping("/{id}")
    @Requires.OrganizationsRead
    @Operation(operationId = "getOrganization", summary = "Get one organization")
    OrganizationResponse get(@Parameter(hidden = true) @AuthenticationPrincipal Caller caller, @PathVariable long id) {
        return organizations.get(caller, id);
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Requires.OrganizationsWrite
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            operationId = "createOrganization",
            summary = "Create an organization",
            description = "A child of an organization you see, or (superadmin only) a top-level one. Its service"
                    + " (bot) staff member is created with it.")
    ResponseEntity<OrganizationResponse> create(
            @Parameter(hidden = true) @AuthenticationPrincipal Caller caller,
            @Valid @RequestBody OrganizationRequests.Create request) {
        OrganizationResponse created = organizations.create(caller, request);
        URI location = Created.location("/api/v1/organizations/{id}", created.id());
        return ResponseEntity.created(location).body(created);
    }

    @EntityTagged
    @PatchMapping(
            path = "/{id}",
            consumes = {MediaType.APPLICATION_JSON_VALUE, "application/merge-patch+json"})
    @Requires.OrganizationsWrite
    @Operation(
            operationId = "updateOrganization",
            summary = "Change an organization",
            description = "JSON merge patch of name, slug and is_active; {\"is_active\": true} reactivates.",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = @Content(schema = @Schema(implementation = OrganizationRequests.Update.class))))
    OrganizationResponse patch(
            @Parameter(hidden = true) @AuthenticationPrincipal Caller caller,
            @PathVariable long id,
            IfMatch ifMatch,
            @RequestBody JsonNode patch) {
        return organizations.update(
                caller,
                id,
                ifMatch,
                mergePatch.apply(organizations.currentState(caller, id), patch, OrganizationRequests.Update.class));
    }

    @DeleteMapping("/{id}")
    @Requires.OrganizationsWrite
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(
            operationId = "deactivateOrganization",
            summary = "Deactivate an organization",
            description = "Nothing is deleted. Its staff and the staff of its descendants can no longer log in and"
                    + " their sessions end for good (reactivating restores logins, not sessions); its API keys and"
                    + " its descendants' stop working until it is reactivated.")
    ResponseEntity<Void> deactivate(
            @Parameter(hidden = true) @AuthenticationPrincipal Caller caller, @PathVariable long id, IfMatch ifMatch) {
        organizations.deactivate(caller, id, ifMatch);
        return ResponseEntity.noContent().build();
    }
}
