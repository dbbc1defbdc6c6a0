package com.staffkit.activation;

import com.staffkit.auth.LoginResponse;
import com.staffkit.common.security.Caller;
import com.staffkit.role.Requires;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Activation and password reset")
class ActivationController {

    private final ActivationService activation;
    private final PasswordResetService passwordReset;

    ActivationController(ActivationService activation, PasswordResetService passwordReset) {
        this.activation = activation;
        this.passwordReset = passwordReset;
    }

    record TokenPasswordRequest(
            @NotBlank @Size(max = 256) String token,
            @NotBlank @Size(max = 128) String password) {

        @Override
        public String toString() {
            return "TokenPasswordRequest[]";
        }
    }

    record PasswordResetRequest(
            @NotBlank @Email @Size(max = 254) String email) {}

    @GetMapping("/api/v1/activation/{token}")
    @ApiResponse(responseCode = "410", description = "The token was used, replaced or has expired")
    @SecurityRequirements
    @ApiResponse(responseCode = "404", description = "No such token")
    @ResponseStatus(HttpStatus.OK)
    @Operation(
            operationId = "checkActivationToken",
            summary = "Check an activation token",
            description = "Returns the staff member's first name and masked email, so a front end can greet them."
                    + " Unknown tokens are 404; used, replaced or expired ones 410.")
    ResponseEntity<ActivationService.ActivationInfo> check(@PathVariable String token) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(activation.check(token));
    }

    @PostMapping(path = "/api/v1/activation", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ApiResponse(responseCode = "410", description = "The token was used, replaced or has expired")
    @SecurityRequirements
    @ApiResponse(responseCode = "404", description = "No such token")
    @ResponseStatus(HttpStatus.OK)
    @Operation(
            operationId = "activateAccount",
            summary = "Activate an account",
            description = "Sets the password (10 to 128 characters), activates the account, consumes the token and"
                    + " returns tokens as a login would. A used token is 410.")
    ResponseEntity<LoginResponse> activate(@Valid @RequestBody TokenPasswordRequest request) {
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .body(activation.activate(request.token(), request.password()));
    }

    @PostMapping("/api/v1/staffs/{id}/activation")
    @Requires.StaffWrite
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(
            operationId = "resendActivation",
            summary = "Re-send the activation email",
            description = "Earlier links stop working. 409 for an account that is already activated.")
    ResponseEntity<Void> resend(
            @Parameter(hidden = true) @AuthenticationPrincipal Caller caller, @PathVariable long id) {
        activation.resend(caller, id);
        return ResponseEntity.accepted().build();
    }

    @PostMapping(path = "/api/v1/password-reset", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ApiResponse(responseCode = "429", description = "Too many attempts; see Retry-After")
    @SecurityRequirements
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(
            operationId = "requestPasswordReset",
            summary = "Ask for a password reset email",
            description = "Always 202, whether or not the account exists; an active, activated account gets an"
                    + " email with a single-use link. Rate limited per email and per client address.")
    ResponseEntity<Void> requestReset(
            @Valid @RequestBody PasswordResetRequest request, HttpServletRequest servletRequest) {
        passwordReset.request(request.email(), servletRequest.getRemoteAddr());
        return ResponseEntity.accepted().build();
    }

    @PostMapping(path = "/api/v1/password-reset/confirm", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ApiResponse(responseCode = "410", description = "The token was used, replaced or has expired")
    @ApiResponse(responseCode = "429", description = "Too many attempts; see Retry-After")
    @SecurityRequirements
    @ApiResponse(responseCode = "404", description = "No such token")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(
            operationId = "confirmPasswordReset",
            summary = "Set a new password with a reset token",
            description = "Every existing session of the account ends. A used token is 410.")
    ResponseEntity<Void> confirmReset(
            @Valid @RequestBody TokenPasswordRequest request, HttpServletRequest servletRequest) {
        passwordReset.confirm(request.token(), request.password(), servletRequest.getRemoteAddr());
        return ResponseEntity.noContent().cacheControl(CacheControl.noStore()).build();
    }
}
