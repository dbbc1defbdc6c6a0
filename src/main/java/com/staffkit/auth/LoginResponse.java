package com.staffkit.auth;

import io.swagger.v3.oas.annotations.media.Schema;

public record LoginResponse(
        @Schema(description = "Opaque bearer token; send it as Authorization: Bearer <access_token>")
        String accessToken,

        @Schema(example = "Bearer") String tokenType,

        @Schema(description = "Seconds until the access token expires", example = "900")
        long expiresIn,

        @Schema(description = "Exchange it at POST /api/v1/auth/refresh for new tokens; single use")
        String refreshToken) {

    static LoginResponse of(SessionService.Tokens tokens) {
        return new LoginResponse(
                tokens.accessToken(), "Bearer", tokens.accessTokenTtl().toSeconds(), tokens.refreshToken());
    }

    @Override
    public String toString() {
        return "LoginResponse[tokenType=" + tokenType + ", expiresIn=" + expiresIn + "]";
    }
}
