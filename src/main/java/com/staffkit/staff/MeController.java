package com.staffkit.staff;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.staffkit.common.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/me")
@Tag(name = "Me")
class MeController {

    private final StaffReader reader;
    private final StaffStoreAssignments storeAssignments;
    private final StaffAccounts accounts;

    MeController(StaffReader reader, StaffStoreAssignments storeAssignments, StaffAccounts accounts) {
        this.reader = reader;
        this.storeAssignments = storeAssignments;
        this.accounts = accounts;
    }

    /** The caller's staff representation plus its effective permissions. */
    record MeResponse(
            @JsonUnwrapped StaffResponse staff,
            @Schema(example = "[\"staff:read\"]") List<String> permissions) {}

    record ChangePasswordRequest(
            @NotNull @Size(max = 128) String currentPassword,
            @NotNull @Size(max = 128) String newPassword) {

        @Override
        public String toString() {
            return "ChangePasswordRequest[]";
        }
    }

    record CurrentStoreRequest(@NotNull Long store) {}

    @GetMapping
    @Operation(operationId = "getMe", summary = "The logged-in staff member, with the permissions it holds")
    MeResponse me(@Parameter(hidden = true) @AuthenticationPrincipal Caller caller) {
        caller.requireStaff("An API key is not a staff member; use GET /api/v1/api-keys to see keys.");
        return new MeResponse(
                reader.self(caller), caller.permissions().stream().sorted().toList());
    }

    @PostMapping(path = "/current-store", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            operationId = "selectCurrentStore",
            summary = "Switch the store you are working at now",
            description = "An active store assigned to you, or any active store of your organization with full store"
                    + " access.")
    MeResponse selectCurrentStore(
            @Parameter(hidden = true) @AuthenticationPrincipal Caller caller,
            @Valid @RequestBody CurrentStoreRequest request) {
        storeAssignments.selectCurrentStore(requireStaffWithStore(caller), request.store());
        return me(caller);
    }

    @DeleteMapping("/current-store")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(operationId = "clearCurrentStore", summary = "Clear the store you are working at")
    ResponseEntity<Void> clearCurrentStore(@Parameter(hidden = true) @AuthenticationPrincipal Caller caller) {
        storeAssignments.selectCurrentStore(requireStaffWithStore(caller), null);
        return ResponseEntity.noContent().build();
    }

    private static long requireStaffWithStore(Caller caller) {
        return caller.requireStaff("An API key is not a staff member and has no current store.");
    }

    @PostMapping(path = "/password", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ApiResponse(responseCode = "429", description = "Too many attempts; see Retry-After")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(
            operationId = "changeMyPassword",
            summary = "Change your own password",
            description = "10 to 128 characters, not your email or username. Every session of the account ends,"
                    + " this one included: log in again.")
    ResponseEntity<Void> changePassword(
            @Parameter(hidden = true) @AuthenticationPrincipal Caller caller,
            @Valid @RequestBody ChangePasswordRequest request) {
        accounts.changeOwnPassword(caller, request.currentPassword(), request.newPassword());
        return ResponseEntity.noContent().cacheControl(CacheControl.noStore()).build();
    }
}
