package com.staffkit.auth;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

record LoginRequest(
        @Schema(description = "Username or email, case-insensitive", example = "admin@localhost")
        @NotBlank
        @Size(max = 254)
        String username,

        @Schema(example = "correct horse battery staple") @NotBlank @Size(max = 128)
        String password,

        @Schema(description = "Optional: the store you start working at (assigned to you, or any with full access)")
        Long store) {

    @Override
    public String toString() {
        return "LoginRequest[username=" + username + "]";
    }
}
