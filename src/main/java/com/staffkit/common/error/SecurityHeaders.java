package com.staffkit.common.error;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The headers every problem carries, also where Spring Security's header writers never ran (the
 * container's own rejections, responses written before the security chain).
 */
final class SecurityHeaders {

    private SecurityHeaders() {}

    static void set(HttpServletResponse response) {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Cache-Control", "no-store");
    }
}
