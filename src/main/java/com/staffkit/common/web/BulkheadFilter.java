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
import java.util.function.Supplier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
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

    /**
     * Runs work that waits rather than computes (a create waiting for its group to be written)
     * without holding the request's lane, so that another request can work meanwhile; then takes a
     * lane again for what is left of the request. The work's outcome is already decided by then, so
     * a request that cannot get a lane back in time goes on without one instead of failing.
     */
    public static <T> T awayFromLane(Supplier<T> work) {
        if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)
                || !(attributes.getRequest().getAttribute(LANE) instanceof Lane lane)
                || !lane.leave()) {
            return work.get();
        }
        try {
            return work.get();
        } finally {
            lane.reenter();
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

    /** One permit, given back exactly once by whichever comes first (and held again after {@link #reenter}). */
    private record Lane(Bulkhead bulkhead, AtomicBoolean left) {

        Lane(Bulkhead bulkhead) {
            this(bulkhead, new AtomicBoolean());
        }

        /** Gives the permit back; false if it was given back already. */
        boolean leave() {
            if (left.compareAndSet(false, true)) {
                bulkhead.onComplete();
                return true;
            }
            return false;
        }

        /** Waits for a permit again (as long as a new request would); without one, goes on laneless. */
        void reenter() {
            if (bulkhead.tryAcquirePermission()) {
                left.set(false);
            }
        }
    }
}
