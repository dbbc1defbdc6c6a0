package com.staffkit.role;

import com.staffkit.common.input.JsonMergePatch;
import com.staffkit.common.paging.PageRequest;
import com.staffkit.common.paging.PageResponse;
import com.staffkit.common.security.Caller;
import com.staffkit.common.web.Created;
import com.staffkit.common.web.EntityTagged;
import com.staffkit.common.web.IfMatch;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
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
@RequestMapping("/api/v1")
@Tag(name = "Roles and permissions")
class RoleController {

    private final RoleService roles;
    private final JsonMergePatch mergePatch;

    RoleController(RoleService roles, JsonMergePatch mergePatch) {
        this.roles = roles;
        this.mergePatch = mergePatch;
    }

    record PermissionResponse(String name, String description) {}

    @GetMapping("/permissions")
    @Operation(operationId = "listPermissions", summary = "The permission catalogue, with a description of each")
    List<PermissionResponse> permissions() {
        return Permissions.catalogue().entrySet().stream()
                .map(e -> new PermissionResponse(e.getKey(), e.getValue()))
                .toList();
    }

    @GetMapping("/roles")
    @Requires.RolesRead
    @Operation(
            operationId = "listRoles",
            summary = "List roles",
            description = "The built-in roles, then the organization's custom roles.")
    PageResponse<RoleResponse> list(
            @Parameter(hidden = true) @AuthenticationPrincipal Caller caller,
            @RequestParam(required = false) Integer page,
            @RequestParam(name = "page_size", required = false) Integer pageSize) {
        return roles.list(caller, PageRequest.of(page, pageSize));
    }

    @EntityTagged
    @GetMapping("/roles/{id}")
    @Requires.RolesRead
    @Operation(operationId = "getRole", summary = "Get one role")
    RoleResponse get(@Parameter(hidden = true) @AuthenticationPrincipal Caller caller, @PathVariable long id) {
        return roles.get(caller, id);
    }

    @PostMapping(path = "/roles", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Requires.RolesWrite
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            operationId = "createRole",
            summary = "Create a custom role",
            description = "Names are unique per organization, case-insensitively. A role cannot carry permissions"
                    + " you do not hold.")
    ResponseEntity<RoleResponse> create(
            @Parameter(hidden = true) @AuthenticationPrincipal Caller caller, @Valid @RequestBody RoleRequest request) {
        RoleResponse created = roles.create(caller, request);
        URI location = Created.location("/api/v1/roles/{id}", created.id());
        return ResponseEntity.created(location).body(created);
    }

    @EntityTagged
    @PutMapping(path = "/roles/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Requires.RolesWrite
    @Operation(
            operationId = "replaceRole",
            summary = "Replace a custom role",
            description = "Built-in roles answer 409.")
    RoleResponse replace(
            @Parameter(hidden = true) @AuthenticationPrincipal Caller caller,
            @PathVariable long id,
            IfMatch ifMatch,
            @Valid @RequestBody RoleRequest request) {
        return roles.replace(caller, id, ifMatch, request);
    }

    @EntityTagged
    @PatchMapping(
            path = "/roles/{id}",
            consumes = {MediaType.APPLICATION_JSON_VALUE, "application/merge-patch+json"})
    @Requires.RolesWrite
    @Operation(
            operationId = "updateRole",
            summary = "Change some fields of a custom role",
            description = "JSON merge patch.")
    RoleResponse patch(
            @Parameter(hidden = true) @AuthenticationPrincipal Caller caller,
            @PathVariable long id,
            IfMatch ifMatch,
            @RequestBody JsonNode patch) {
        return roles.replace(
                caller, id, ifMatch, mergePatch.apply(roles.currentState(caller, id), patch, RoleRequest.class));
    }

    @DeleteMapping("/roles/{id}")
    @Requires.RolesWrite
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(
            operationId = "deleteRole",
            summary = "Delete a custom role",
            description = "409 while staff or API keys hold it, unless force=true, which unassigns it first.")
    ResponseEntity<Void> delete(
            @Parameter(hidden = true) @AuthenticationPrincipal Caller caller,
            @PathVariable long id,
            IfMatch ifMatch,
            @RequestParam(defaultValue = "false") boolean force) {
        roles.delete(caller, id, ifMatch, force);
        return ResponseEntity.noContent().build();
    }
}
