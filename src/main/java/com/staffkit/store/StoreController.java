package com.staffkit.store;

import com.staffkit.common.input.JsonMergePatch;
import com.staffkit.common.paging.PageRequest;
import com.staffkit.common.paging.PageResponse;
import com.staffkit.common.security.Caller;
import com.staffkit.common.web.Created;
import com.staffkit.common.web.EntityTagged;
import com.staffkit.common.web.IfMatch;
import com.staffkit.role.Requires;
import com.staffkit.staff.StaffResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
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
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
@RequestMapping("/api/v1/stores")
@Tag(name = "Stores")
class StoreController {

    private final StoreService stores;
    private final JsonMergePatch mergePatch;

    StoreController(StoreService stores, JsonMergePatch mergePatch) {
        this.stores = stores;
        this.mergePatch = mergePatch;
    }

    @GetMapping
    @Requires.StoresRead
    @Operation(
            operationId = "listStores",
            summary = "List stores",
            description = "Active stores only unless include_inactive=true.")
    PageResponse<StoreResponse> list(
            @Parameter(hidden = true) @AuthenticationPrincipal Caller caller,
            @RequestParam(required = false) Integer page,
            @RequestParam(name = "page_size", required = false) Integer pageSize,
            @ParameterObject StoreFilter filter) {
        return stores.list(caller, filter, PageRequest.of(page, pageSize));
    }

    @EntityTagged
    @GetMapping("/{id}")
    @Requires.StoresRead
    @Operation(operationId = "getStore", summary = "Get one store")
    StoreResponse get(@Parameter(hidden = true) @AuthenticationPrincipal Caller caller, @PathVariable long id) {
        return stores.get(caller, id);
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Requires.StoresWrite
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            operationId = "createStore",
            summary = "Create a store",
            description = "remote_id is unique per organization.")
    ResponseEntity<StoreResponse> create(
            @Parameter(hidden = true) @AuthenticationPrincipal Caller caller,
            @Valid @RequestBody StoreRequest request) {
        StoreResponse created = stores.create(caller, request);
        URI location = Created.location("/api/v1/stores/{id}/", created.id());
        return ResponseEntity.created(location).body(created);
    }

    @EntityTagged
    @PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Requires.StoresWrite
    @Operation(
            operationId = "replaceStore",
            summary = "Replace a store",
            description = "Writable fields that are missing become null or default.")
    StoreResponse replace(
            @Parameter(hidden = true) @AuthenticationPrincipal Caller caller,
            @PathVariable long id,
            IfMatch ifMatch,
            @Valid @RequestBody StoreRequest request) {
        return stores.replace(caller, id, ifMatch, request);
    }

    @EntityTagged
    @PatchMapping(
            path = "/{id}",
            consumes = {MediaType.APPLICATION_JSON_VALUE, "application/merge-patch+json"})
    @Requires.StoresWrite
    @Operation(
            operationId = "updateStore",
            summary = "Change some fields of a store",
            description = "JSON merge patch; {\"is_active\": true} reactivates.")
    StoreResponse patch(
            @Parameter(hidden = true) @AuthenticationPrincipal Caller caller,
            @PathVariable long id,
            IfMatch ifMatch,
            @RequestBody JsonNode patch) {
        return stores.replace(
                caller, id, ifMatch, mergePatch.apply(stores.currentState(caller, id), patch, StoreRequest.class));
    }

    @DeleteMapping("/{id}")
    @Requires.StoresWrite
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(
            operationId = "deactivateStore",
            summary = "Deactivate a store",
            description = "Never deletes; it can no longer be newly assigned.")
    ResponseEntity<Void> deactivate(
            @Parameter(hidden = true) @AuthenticationPrincipal Caller caller, @PathVariable long id, IfMatch ifMatch) {
        stores.deactivate(caller, id, ifMatch);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/{id}/staff")
    @Requires.StoresReadAndStaffRead
    @Operation(
            operationId = "listStoreStaff",
            summary = "List a store's staff",
            description = "Active staff only unless include_inactive=true.")
    PageResponse<StaffResponse> staff(
            @Parameter(hidden = true) @AuthenticationPrincipal Caller caller,
            @PathVariable long id,
            @RequestParam(name = "include_inactive", defaultValue = "false") boolean includeInactive,
            @RequestParam(required = false) Integer page,
            @RequestParam(name = "page_size", required = false) Integer pageSize) {
        return stores.staff(caller, id, includeInactive, PageRequest.of(page, pageSize));
    }
}
