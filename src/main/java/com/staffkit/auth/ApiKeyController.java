package com.staffkit.auth;

import com.staffkit.common.paging.PageRequest;
import com.staffkit.common.paging.PageResponse;
import com.staffkit.common.security.Caller;
import com.staffkit.common.web.Created;
import com.staffkit.role.Requires;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/api-keys")
@Tag(name = "API keys")
class ApiKeyController {

    private final ApiKeyService apiKeys;

    ApiKeyController(ApiKeyService apiKeys) {
        this.apiKeys = apiKeys;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Requires.ApiKeysManage
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            operationId = "createApiKey",
            summary = "Create an API key",
            description = "The response carries the full secret key exactly once; Staffkit keeps only its hash."
                    + " A key acts within the organization with its roles' permissions.")
    ResponseEntity<ApiKeyResponse> create(
            @Parameter(hidden = true) @AuthenticationPrincipal Caller caller,
            @Valid @RequestBody CreateApiKeyRequest request) {
        ApiKeyResponse created = apiKeys.create(caller, request);
        URI location = Created.location("/api/v1/api-keys/{id}", created.id());
        return ResponseEntity.created(location)
                .cacheControl(CacheControl.noStore())
                .body(created);
    }

    @GetMapping
    @Requires.ApiKeysManage
    @Operation(operationId = "listApiKeys", summary = "List API keys (never their secrets)")
    PageResponse<ApiKeyResponse> list(
            @Parameter(hidden = true) @AuthenticationPrincipal Caller caller,
            @RequestParam(required = false) Integer page,
            @RequestParam(name = "page_size", required = false) Integer pageSize) {
        return apiKeys.list(caller, PageRequest.of(page, pageSize));
    }

    @GetMapping("/{id}")
    @Requires.ApiKeysManage
    @Operation(operationId = "getApiKey", summary = "Get one API key (never its secret)")
    ApiKeyResponse get(@Parameter(hidden = true) @AuthenticationPrincipal Caller caller, @PathVariable long id) {
        return apiKeys.get(caller, id);
    }

    @DeleteMapping("/{id}")
    @Requires.ApiKeysManage
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(
            operationId = "revokeApiKey",
            summary = "Revoke an API key",
            description = "It gets 401 from the next request on. Repeating is 204.")
    ResponseEntity<Void> revoke(
            @Parameter(hidden = true) @AuthenticationPrincipal Caller caller, @PathVariable long id) {
        apiKeys.revoke(caller, id);
        return ResponseEntity.noContent().build();
    }
}
