package com.staffkit.common.web;

import com.staffkit.common.error.PayloadTooLargeException;
import com.staffkit.common.error.ProblemResponseWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets a bounded number of API requests work at once; the others wait for their turn in arrival
 * order. The service is CPU-bound with its database: more requests at once than the machine has
 * cores share the CPU among them, so every one of them takes longer and the unlucky ones far longer,
 * while a queue served first come, first served keeps each request's latency close to the mean. A
 * request that waits longer than the limit gets 503 with {@code Retry-After}, instead of piling up.
 *
 * <p>A small body with a declared length (every JSON body this API takes) is read before its
 * request takes a lane, so a client sending it slowly holds its own connection, not a lane. What
 * such bodies may hold in memory at once is bounded; beyond that, and for bodies without a declared
 * length, the body is read in the lane as usual. Likewise the response body is held in memory
 * until the request leaves its lane and sent after that ({@link HeldBackResponse}), so a client
 * reading slowly does not hold a lane either. The filter sits in the security chain after CORS
 * (a refusal still carries the CORS headers a browser needs to read it; preflights never queue) and
 * before authentication, whose credential lookup is work too.
 */
public class ConcurrencyLimitFilter extends OncePerRequestFilter {

    private static final String LIMITED_PATHS = "/api/";

    /** Bodies up to this size are read before the request queues. */
    static final int EARLY_READ_MAX_BODY = 64 * 1024;

    /** What bodies read early may hold at once, while their requests wait for a lane. */
    static final int EARLY_READ_BUDGET = 16 * 1024 * 1024;

    /** What response bodies held until their requests leave their lanes may take at once. */
    static final int HELD_BODIES_BUDGET = 32 * 1024 * 1024;

    private final int lanes;
    private final int heldBodiesBudget;
    private final Semaphore permits;
    private final Semaphore earlyReadBytes = new Semaphore(EARLY_READ_BUDGET);
    private final Semaphore heldBodyBytes;
    private final long maxWaitNanos;
    private final ProblemResponseWriter problems;
    private RequestMatcher ownBulkhead = request -> false;

    /** @param lanes requests worked on at once; 0 lets every request through at once */
    public ConcurrencyLimitFilter(int lanes, Duration maxWait, ProblemResponseWriter problems) {
        this(lanes, maxWait, problems, HELD_BODIES_BUDGET);
    }

    /**
     * Requests that take no lane because their costly step is bounded by a bulkhead of its own (the
     * login's password check): waiting there, they must not hold a lane other requests need.
     */
    public ConcurrencyLimitFilter withOwnBulkhead(RequestMatcher requests) {
        this.ownBulkhead = requests;
        return this;
    }

    ConcurrencyLimitFilter(int lanes, Duration maxWait, ProblemResponseWriter problems, int heldBodiesBudget) {
        this.lanes = lanes;
        this.heldBodiesBudget = heldBodiesBudget;
        this.heldBodyBytes = new Semaphore(heldBodiesBudget);
        this.permits = new Semaphore(lanes, true);
        this.maxWaitNanos = maxWait.toNanos();
        this.problems = problems;
    }

    /** Requests worked on at once at most; 0 when there is no limit. */
    int lanes() {
        return lanes;
    }

    /** Requests being worked on now. */
    int working() {
        return lanes - permits.availablePermits();
    }

    /** Requests waiting for their turn now (an estimate while they come and go). */
    int waiting() {
        return permits.getQueueLength();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return lanes == 0
                || CorsUtils.isPreFlightRequest(request)
                || ownBulkhead.matches(request)
                || !request.getRequestURI().startsWith(request.getContextPath() + LIMITED_PATHS);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HeldBackResponse held = new HeldBackResponse(response, heldBodyBytes);
        try {
            workInALane(request, held, chain);
            held.send(!request.isAsyncStarted());
        } finally {
            held.discard();
        }
    }

    /**
     * Reads a small body, waits for a lane and runs the rest of the chain in it. The body read early
     * is no longer needed (nor counted) once this returns, while the response may still be sent.
     */
    private void workInALane(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long length = request.getContentLengthLong();
        int early = length > 0 && length <= EARLY_READ_MAX_BODY && earlyReadBytes.tryAcquire((int) length)
                ? (int) length
                : 0;
        try {
            HttpServletRequest read;
            try {
                read = early > 0 ? BodyReadRequest.of(request) : request;
            } catch (PayloadTooLargeException e) {
                problems.write(request, response, e);
                return;
            }
            if (!admitted()) {
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
            try {
                chain.doFilter(read, response);
            } finally {
                permits.release();
            }
        } finally {
            earlyReadBytes.release(early);
        }
    }

    /** Bytes of bodies read early and held now. */
    int earlyReadBytes() {
        return EARLY_READ_BUDGET - earlyReadBytes.availablePermits();
    }

    /** Bytes of response bodies held now, while their requests work or their clients read. */
    int heldBodyBytes() {
        return heldBodiesBudget - heldBodyBytes.availablePermits();
    }

    private boolean admitted() {
        try {
            return permits.tryAcquire(maxWaitNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A request whose body has been read into memory. */
    private static final class BodyReadRequest extends HttpServletRequestWrapper {

        private final byte[] body;

        private BodyReadRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        static HttpServletRequest of(HttpServletRequest request) throws IOException {
            return new BodyReadRequest(request, request.getInputStream().readAllBytes());
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return in.read(buffer, offset, length);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("The body has been read already");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }
    }
}
