package com.staffkit.common.web;

import com.staffkit.common.error.ProblemResponseWriter;
import io.github.resilience4j.bulkhead.Bulkhead;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets a bounded number of API requests work at once (a Resilience4j bulkhead); the others wait in
 * arrival order, and one that waits too long gets 503 with {@code Retry-After}. A request leaves its
 * lane when its handler has returned, before its body is written ({@link LaneReleaseAdvice}), so a
 * slow reader holds its connection, not a lane; otherwise when it leaves this filter.
 */
public class BulkheadFilter extends OncePerRequestFilter {

    private static final String LIMITED_PATHS = "/api/";
    private static final String LANE = BulkheadFilter.class.getName() + ".lane";

    private final Bulkhead bulkhead;
    private final ProblemResponseWriter problems;
    private final RequestMatcher ownBulkhead;

    /**
     * @param ownBulkhead requests that take no lane because their costly step waits in a bulkhead of
     *     its own (the login's password check), where it must not hold a lane other requests need
     */
    public BulkheadFilter(Bulkhead bulkhead, ProblemResponseWriter problems, RequestMatcher ownBulkhead) {
        this.bulkhead = bulkhead;
        this.problems = problems;
        this.ownBulkhead = ownBulkhead;
    }

    Bulkhead bulkhead() {
        return bulkhead;
    }

    /** Gives the request's lane back, if it holds one it has not given back yet. */
    static void leaveLane(ServletRequest request) {
        if (request.getAttribute(LANE) instanceof Lane lane) {
            lane.leave();
        }
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return bulkhead.getBulkheadConfig().getMaxConcurrentCalls() == 0
                || CorsUtils.isPreFlightRequest(request)
                || ownBulkhead.matches(request)
                || !request.getRequestURI().startsWith(request.getContextPath() + LIMITED_PATHS);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!bulkhead.tryAcquirePermission()) {
            response.setHeader(HttpHeaders.RETRY_AFTER, "1");
            problems.write(
                    request,
                    response,
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "overloaded",
                    "Service overloaded",
                    "Too many requests are in progress; retry in a moment.");
            return;
        }
        Lane lane = new Lane(bulkhead);
        request.setAttribute(LANE, lane);
        try {
            chain.doFilter(request, response);
        } finally {
            lane.leave();
        }
    }

    /** One permit, given back exactly once by whichever comes first. */
    private record Lane(Bulkhead bulkhead, AtomicBoolean left) {

        Lane(Bulkhead bulkhead) {
            this(bulkhead, new AtomicBoolean());
        }

        void leave() {
            if (left.compareAndSet(false, true)) {
                bulkhead.onComplete();
            }
        }
    }
}
