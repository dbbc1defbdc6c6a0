package com.staffkit.scim;

import com.staffkit.common.error.ScimErrors;
import com.staffkit.common.security.Caller;
import com.staffkit.role.Requires;
import com.staffkit.staff.ProvisionedStaff;
import com.staffkit.staff.StaffProvisioning;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
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
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** {@code /scim/v2/Users} (RFC 7644 §3): staff members as SCIM Users, for callers holding {@code scim:provision}. */
@RestController
@RequestMapping(ScimDiscovery.BASE + "/Users")
class ScimUserController {

    private final ScimUsers users;

    ScimUserController(ScimUsers users) {
        this.users = users;
    }

    @PostMapping(consumes = {ScimErrors.MEDIA_TYPE_VALUE, MediaType.APPLICATION_JSON_VALUE})
    @Requires.ScimProvision
    ResponseEntity<JsonNode> create(
            @AuthenticationPrincipal Caller caller, @RequestBody(required = false) String body) {
        ProvisionedStaff created = users.create(caller, ScimNodes.body(body));
        return ScimResponses.created(ScimUserResource.json(created), created.version());
    }

    @GetMapping("/{id}")
    @Requires.ScimProvision
    ResponseEntity<JsonNode> get(
            @AuthenticationPrincipal Caller caller,
            @PathVariable String id,
            @RequestParam(required = false) @Nullable String attributes,
            @RequestParam(required = false) @Nullable String excludedAttributes) {
        ProvisionedStaff user = users.get(caller, id);
        return resource(user, ScimProjection.of(attributes, excludedAttributes, ScimUsers.extensions()));
    }

    @GetMapping
    @Requires.ScimProvision
    ResponseEntity<JsonNode> list(
            @AuthenticationPrincipal Caller caller,
            @RequestParam(required = false) @Nullable String filter,
            @RequestParam(required = false) @Nullable String startIndex,
            @RequestParam(required = false) @Nullable String count,
            @RequestParam(required = false) @Nullable String attributes,
            @RequestParam(required = false) @Nullable String excludedAttributes) {
        ScimPaging paging = ScimPaging.of(startIndex, count);
        ScimProjection projection = ScimProjection.of(attributes, excludedAttributes, ScimUsers.extensions());
        StaffProvisioning.Page page = users.list(caller, filter, paging);
        return ScimResponses.list(
                page.staff().stream().map(ScimUserResource::json).toList(), page.total(), paging, projection);
    }

    @PutMapping(
            path = "/{id}",
            consumes = {ScimErrors.MEDIA_TYPE_VALUE, MediaType.APPLICATION_JSON_VALUE})
    @Requires.ScimProvision
    ResponseEntity<JsonNode> replace(
            @AuthenticationPrincipal Caller caller,
            @PathVariable String id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
            @RequestBody(required = false) String body) {
        ProvisionedStaff user = users.replace(caller, id, ScimNodes.body(body), ScimVersions.required(ifMatch));
        return resource(user, ScimProjection.of(null, null, ScimUsers.extensions()));
    }

    @PatchMapping(
            path = "/{id}",
            consumes = {ScimErrors.MEDIA_TYPE_VALUE, MediaType.APPLICATION_JSON_VALUE})
    @Requires.ScimProvision
    ResponseEntity<JsonNode> patch(
            @AuthenticationPrincipal Caller caller,
            @PathVariable String id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
            @RequestBody(required = false) String body) {
        ProvisionedStaff user = users.patch(caller, id, ScimNodes.body(body), ScimVersions.required(ifMatch));
        return resource(user, ScimProjection.of(null, null, ScimUsers.extensions()));
    }

    @DeleteMapping("/{id}")
    @Requires.ScimProvision
    ResponseEntity<Void> delete(
            @AuthenticationPrincipal Caller caller,
            @PathVariable String id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
        users.delete(caller, id, ScimVersions.required(ifMatch));
        return ResponseEntity.noContent().build();
    }

    private static ResponseEntity<JsonNode> resource(ProvisionedStaff user, ScimProjection projection) {
        return ScimResponses.resource(ScimUserResource.json(user), user.version(), projection);
    }
}
