package com.staffkit.scim;

import com.staffkit.common.error.ScimErrors;
import com.staffkit.common.security.Caller;
import com.staffkit.role.Requires;
import com.staffkit.team.ProvisionedTeam;
import com.staffkit.team.TeamProvisioning;
import java.util.List;
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

/** {@code /scim/v2/Groups} (RFC 7644 §3): teams as SCIM Groups, for callers holding {@code scim:provision}. */
@RestController
@RequestMapping(ScimDiscovery.BASE + "/Groups")
class ScimGroupController {

    private static final List<String> NO_EXTENSIONS = List.of();

    private final ScimGroups groups;

    ScimGroupController(ScimGroups groups) {
        this.groups = groups;
    }

    @PostMapping(consumes = {ScimErrors.MEDIA_TYPE_VALUE, MediaType.APPLICATION_JSON_VALUE})
    @Requires.ScimProvision
    ResponseEntity<JsonNode> create(
            @AuthenticationPrincipal Caller caller, @RequestBody(required = false) String body) {
        ProvisionedTeam created = groups.create(caller, ScimNodes.body(body));
        return ScimResponses.created(ScimGroupResource.json(created), created.version());
    }

    @GetMapping("/{id}")
    @Requires.ScimProvision
    ResponseEntity<JsonNode> get(
            @AuthenticationPrincipal Caller caller,
            @PathVariable String id,
            @RequestParam(required = false) @Nullable String attributes,
            @RequestParam(required = false) @Nullable String excludedAttributes) {
        ScimProjection projection = ScimProjection.of(attributes, excludedAttributes, NO_EXTENSIONS);
        return resource(groups.get(caller, id, projection.returns("members")), projection);
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
        ScimProjection projection = ScimProjection.of(attributes, excludedAttributes, NO_EXTENSIONS);
        TeamProvisioning.Page page = groups.list(caller, filter, paging, projection.returns("members"));
        return ScimResponses.list(
                page.teams().stream().map(ScimGroupResource::json).toList(), page.total(), paging, projection);
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
        ProvisionedTeam team = groups.replace(caller, id, ScimNodes.body(body), ScimVersions.required(ifMatch));
        return resource(team, ScimProjection.of(null, null, NO_EXTENSIONS));
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
        ProvisionedTeam team = groups.patch(caller, id, ScimNodes.body(body), ScimVersions.required(ifMatch));
        return resource(team, ScimProjection.of(null, null, NO_EXTENSIONS));
    }

    @DeleteMapping("/{id}")
    @Requires.ScimProvision
    ResponseEntity<Void> delete(
            @AuthenticationPrincipal Caller caller,
            @PathVariable String id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
        groups.delete(caller, id, ScimVersions.required(ifMatch));
        return ResponseEntity.noContent().build();
    }

    private static ResponseEntity<JsonNode> resource(ProvisionedTeam team, ScimProjection projection) {
        return ScimResponses.resource(ScimGroupResource.json(team), team.version(), projection);
    }
}
