package com.staffkit.idempotency;

import com.staffkit.common.error.ApiException;
import com.staffkit.common.error.ProblemResponseWriter;
import com.staffkit.common.security.CallerAuthentication;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * The one home of the Idempotency-Key rule. It runs after Spring Security, so it knows the
 * credential: a {@code POST} under {@code /api/} made with a credential and carrying the header
 * claims its key before the work, and its answer is kept for retries. Requests without a credential
 * (login, refresh, logout, activation, password reset) have nothing to scope a key by and pass as if
 * the header were absent.
 */
class IdempotencyFilter extends OncePerRequestFilter {

    static final String REPLAYED_HEADER = "Idempotent-Replayed";

    private static final Logger log = LoggerFactory.getLogger(IdempotencyFilter.class);
    private static final String API_PATHS = "/api/";
    /** Statuses that say "try again later" rather than answer the request: a retry deserves a new try. */
    private static final Set<Integer> TRANSIENT_STATUSES = Set.of(408, 409, 425, 429);

    private final IdempotencyKeys keys;
    private final IdempotencyProperties properties;
    private final ProblemResponseWriter problems;
    private final Clock clock;

    IdempotencyFilter(
            IdempotencyKeys keys, IdempotencyProperties properties, ProblemResponseWriter problems, Clock clock) {
        this.keys = keys;
        this.properties = properties;
        this.problems = problems;
        this.clock = clock;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod())
                || request.getHeader(IdempotencyKey.HEADER) == null
                || !request.getRequestURI().startsWith(request.getContextPath() + API_PATHS);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!(SecurityContextHolder.getContext().getAuthentication() instanceof CallerAuthentication caller)) {
            chain.doFilter(request, response);
            return;
        }
        IdempotencyKey key;
        BodyCopy body;
        try {
            key = IdempotencyKey.of(Collections.list(request.getHeaders(IdempotencyKey.HEADER)));
            // Bounded by the request body limit (RequestBodyLimitFilter), which runs first.
            body = BodyCopy.read(request, fingerprintOfTarget(request));
        } catch (ApiException ex) {
            problems.write(request, response, ex);
            return;
        }
        try (CachedBodyRequest cached = new CachedBodyRequest(request, body)) {
            Claim claim;
            try {
                Instant now = clock.instant();
                claim = keys.claim(
                        caller.getPrincipal().organizationId(),
                        caller.getName(),
                        key,
                        cached.fingerprint(),
                        now,
                        now.minus(properties.retention()),
                        now.minus(properties.lease()));
            } catch (ApiException ex) {
                problems.write(request, response, ex);
                return;
            }
            switch (claim) {
                case Claim.Completed completed -> replay(completed.response(), response);
                case Claim.Running running ->
                    problems.write(request, response, IdempotencyKeyException.inProgress(Duration.ofSeconds(1)));
                case Claim.OtherRequest other -> problems.write(request, response, IdempotencyKeyException.reused());
                case Claim.Held held -> work(cached, response, chain, held);
            }
        }
    }

    /** Does the work once, keeps a deterministic answer and releases the key for anything else. */
    private void work(CachedBodyRequest request, HttpServletResponse response, FilterChain chain, Claim.Held claim)
            throws ServletException, IOException {
        ContentCachingResponseWrapper buffered = new ContentCachingResponseWrapper(response);
        boolean kept = false;
        try {
            chain.doFilter(request, buffered);
            kept = keep(request, response, buffered, claim);
        } finally {
            if (!kept) {
                release(claim);
            }
        }
        buffered.copyBodyToResponse();
    }

    private boolean keep(
            HttpServletRequest request,
            HttpServletResponse response,
            ContentCachingResponseWrapper buffered,
            Claim.Held claim) {
        int status = buffered.getStatus();
        // Committed here means the body went around the buffer (sendError): nothing exact to keep.
        if (status >= 500
                || TRANSIENT_STATUSES.contains(status)
                || request.isAsyncStarted()
                || response.isCommitted()
                || buffered.getContentSize() > properties.maxResponseBody().toBytes()) {
            return false;
        }
        try {
            return keys.complete(
                    claim,
                    new KeptResponse(
                            status,
                            buffered.getHeader(HttpHeaders.LOCATION),
                            buffered.getContentType(),
                            buffered.getContentAsByteArray()),
                    clock.instant());
        } catch (RuntimeException ex) {
            // The work is done and its answer goes out; a retry will do it again, as without a key.
            log.warn("Keeping the answer of an idempotent request failed; its key is released: {}", ex.toString());
            return false;
        }
    }

    private void release(Claim.Held claim) {
        try {
            keys.release(claim);
        } catch (RuntimeException ex) {
            // The lease ends the claim anyway.
            log.warn("Releasing an idempotency key failed; it is free again when its lease ends: {}", ex.toString());
        }
    }

    private static void replay(KeptResponse kept, HttpServletResponse response) throws IOException {
        response.setStatus(kept.status());
        if (kept.location() != null) {
            response.setHeader(HttpHeaders.LOCATION, kept.location());
        }
        if (kept.contentType() != null) {
            response.setContentType(kept.contentType());
        }
        response.setHeader(REPLAYED_HEADER, "true");
        response.setContentLength(kept.body().length);
        response.getOutputStream().write(kept.body());
    }

    /**
     * SHA-256 of method, path, query and body is what makes two requests "the same request": this is
     * the digest of all but the body, which {@link BodyCopy} adds as it reads it.
     */
    static MessageDigest fingerprintOfTarget(HttpServletRequest request) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("Every JVM has SHA-256", ex);
        }
        String query = request.getQueryString();
        String target = request.getMethod() + " " + request.getRequestURI() + (query == null ? "" : "?" + query) + "\n";
        sha256.update(target.getBytes(StandardCharsets.UTF_8));
        return sha256;
    }
}
