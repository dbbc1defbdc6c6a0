package com.staffkit.common.web;

import com.staffkit.common.error.ProblemResponseWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets a bounded number of API requests work at once; the others wait for their turn in arrival
 * order. The service is CPU-bound with its database: more requests at once than the machine has
 * cores share the CPU among them, so every one of them takes longer and the slowest far longer,
 * while a queue served first come, first served keeps each request's latency close to the mean. A
 * request that waits longer than the limit gets 503 with {@code Retry-After}, instead of piling up.
 */
class ConcurrencyLimitFilter extends OncePerRequestFilter {

    private final int maxConcurrent;
    private final Semaphore lanes;
    private final long maxWaitNanos;
    private final ProblemResponseWriter problems;

    ConcurrencyLimitFilter(int maxConcurrent, Duration maxWait, ProblemResponseWriter problems) {
        this.maxConcurrent = maxConcurrent;
        this.lanes = new Semaphore(maxConcurrent, true);
        this.maxWaitNanos = maxWait.toNanos();
        this.problems = problems;
    }

    /** Requests worked on at once at most. */
    int lanes() {
        return maxConcurrent;
    }

    /** Requests being worked on now. */
    int working() {
        return maxConcurrent - lanes.availablePermits();
    }

    /** Requests waiting for their turn now (an estimate while they come and go). */
    int waiting() {
        return lanes.getQueueLength();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean admitted;
        try {
            admitted = lanes.tryAcquire(maxWaitNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            admitted = false;
        }
        if (!admitted) {
            response.setHeader("Retry-After", "1");
            problems.write(
                    response,
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "overloaded",
                    "Service overloaded",
                    "Too many requests are in progress; retry in a moment.");
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            lanes.release();
        }
    }
}
