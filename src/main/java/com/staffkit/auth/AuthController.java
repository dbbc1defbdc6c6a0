package com.staffkit.auth;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/auth")
@Tag(name = "Authentication")
class AuthController {

    private final LoginService loginService;
    private final SessionService sessions;

    AuthController(LoginService loginService, SessionService sessions) {
        this.loginService = loginService;
        this.sessions = sessions;
    }

    @PostMapping("/login")
    @ApiResponse(responseCode = "429", description = "Too many attempts; see Retry-After")
    @SecurityRequirements
    @ApiResponse(responseCode = "401", description = "Wrong username or password, or an account that cannot log in")
    @ResponseStatus(HttpStatus.OK)
    @Operation(
            operationId = "login",
            summary = "Log in with a username or email and a password",
            description = "Returns an opaque bearer access token and a refresh token. A wrong password, an unknown"
                    + " user, an inactive or pending account and a worker account all get the same 401; after 5"
                    + " failures in 15 minutes the identifier is locked for 15 minutes, and after 100 failures"
                    + " in 15 minutes from one client address every login from it is refused until the window"
                    + " ends (429 with Retry-After). 503 with Retry-After when too many passwords are being"
                    + " checked at once.")
    ResponseEntity<LoginResponse> login(@Valid @RequestBody LoginRequest request, HttpServletRequest servletRequest) {
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .body(loginService.login(request, servletRequest.getRemoteAddr()));
    }

    @PostMapping("/refresh")
    @SecurityRequirements
    @ApiResponse(responseCode = "401", description = "The refresh token is unknown, used, expired or revoked")
    @ResponseStatus(HttpStatus.OK)
    @Operation(
            operationId = "refreshTokens",
            summary = "Exchange a refresh token for new tokens",
            description = "The refresh token rotates: the old one stops working, and presenting a used one again"
                    + " revokes the whole session.")
    ResponseEntity<LoginResponse> refresh(@Valid @RequestBody RefreshRequest request) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(loginService.refresh(request));
    }

    @PostMapping("/logout")
    @SecurityRequirements
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(
            operationId = "logout",
            summary = "End a session",
            description = "Revokes the refresh token's session and every access token issued in it. Always 204.")
    ResponseEntity<Void> logout(@Valid @RequestBody RefreshRequest request) {
        sessions.logout(request.refreshToken());
        return ResponseEntity.noContent().cacheControl(CacheControl.noStore()).build();
    }
}
