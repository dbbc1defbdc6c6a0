package com.staffkit.auth;

import io.swagger.v3.oas.annotations.media.Schema;

record LoginResponse(
        @Schema(description = "Opaque bearer token; send it as Authorization: Bearer <access_token>")
        String accessToken,

        @Schema(example = "Bearer") String tokenType,

        @Schema(description = "Seconds until the access token expires", example = "900")
        long expiresIn) {

    @Override
    public String toString() {
        return "LoginResponse[tokenType=" + tokenType + ", expiresIn=" + expiresIn + "]";
    }
}
