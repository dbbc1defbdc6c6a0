package com.staffkit.common.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The first filter: fixes the request's {@link RequestOrigin}, echoes its id in {@code X-Request-Id}
 * on the response before anything can answer (errors and refusals included), and names it in the
 * log lines written while the request is served ({@code request_id} in the MDC).
 */
class RequestIdFilter extends OncePerRequestFilter {

    static final String MDC_KEY = "request_id";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        RequestOrigin origin = RequestOrigin.of(request);
        response.setHeader(RequestOrigin.HEADER, origin.requestId());
        MDC.put(MDC_KEY, origin.requestId());
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove(MDC_KEY);
        }
    }

    /** Error dispatches keep the id of the request they answer. */
    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }
}
