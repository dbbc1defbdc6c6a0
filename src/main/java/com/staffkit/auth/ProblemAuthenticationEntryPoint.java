package com.staffkit.auth;

import com.staffkit.common.error.ProblemResponseWriter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/** 401 as problem+json with the {@code WWW-Authenticate} challenge. */
class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint {

    private final ProblemResponseWriter problems;

    ProblemAuthenticationEntryPoint(ProblemResponseWriter problems) {
        this.problems = problems;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
            throws IOException {
        boolean badToken = ex instanceof BadCredentialsException;
        response.setHeader(
                HttpHeaders.WWW_AUTHENTICATE,
                badToken
                        ? "Bearer realm=\"staffkit\", error=\"invalid_token\", error_description=\"The credential is invalid, expired or revoked\""
                        : "Bearer realm=\"staffkit\"");
        problems.write(
                request,
                response,
                HttpStatus.UNAUTHORIZED,
                "unauthorized",
                "Authentication required",
                badToken
                        ? "The access token or API key is invalid, expired or revoked."
                        : "This endpoint requires authentication: send Authorization: Bearer <access_token>.");
    }
}
