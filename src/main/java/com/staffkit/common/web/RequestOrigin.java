package com.staffkit.common.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Where a request came from, as the audit trail records it: its request id (the client's
 * {@code X-Request-Id} when it sent a usable one, else generated, and echoed on every response), the
 * client address (behind trusted proxies, the address they forwarded) and the user agent.
 *
 * @param requestId never null; work outside a request (a scheduled job) gets one of its own
 * @param clientAddress null outside a request
 * @param userAgent null outside a request or when the client sent none
 */
public record RequestOrigin(
        String requestId,
        @Nullable String clientAddress,
        @Nullable String userAgent) {

    public static final String HEADER = "X-Request-Id";

    static final String ATTRIBUTE = RequestOrigin.class.getName();

    /** Up to 128 visible characters that need no escaping in a log line or a header: a UUID, a trace id, a ULID. */
    private static final Pattern USABLE_ID = Pattern.compile("[A-Za-z0-9._:@/+=-]{1,128}");

    /** A user agent longer than this is cut: it is for people reading the trail, not for parsing. */
    static final int MAX_USER_AGENT = 512;

    /** The origin work done later on behalf of a request runs under ({@link #callAs}). */
    private static final ScopedValue<RequestOrigin> ACTING_FOR = ScopedValue.newInstance();

    /**
     * The origin of the request this thread serves (or works for, inside {@link #callAs}), or a fresh
     * one outside a request.
     */
    public static RequestOrigin current() {
        if (ACTING_FOR.isBound()) {
            return ACTING_FOR.get();
        }
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (attributes instanceof ServletRequestAttributes servlet) {
            return of(servlet.getRequest());
        }
        return new RequestOrigin(newRequestId(), null, null);
    }

    /**
     * Runs work that a request asked for but that runs later, elsewhere (an import's batches on a
     * worker): meanwhile {@link #current()} is that request's origin, so what the work records (audit
     * events) names the request that asked for it, and log lines carry its id.
     */
    public static <T> T callAs(RequestOrigin origin, Supplier<T> work) {
        String previousId = MDC.get(RequestIdFilter.MDC_KEY);
        MDC.put(RequestIdFilter.MDC_KEY, origin.requestId());
        try {
            return ScopedValue.where(ACTING_FOR, origin).call(work::get);
        } finally {
            if (previousId == null) {
                MDC.remove(RequestIdFilter.MDC_KEY);
            } else {
                MDC.put(RequestIdFilter.MDC_KEY, previousId);
            }
        }
    }

    /** The origin the request id filter recorded on the request, or one read from it now. */
    static RequestOrigin of(HttpServletRequest request) {
        if (request.getAttribute(ATTRIBUTE) instanceof RequestOrigin origin) {
            return origin;
        }
        String sent = request.getHeader(HEADER);
        String requestId = sent != null && USABLE_ID.matcher(sent).matches() ? sent : newRequestId();
        String userAgent = request.getHeader("User-Agent");
        if (userAgent != null && userAgent.length() > MAX_USER_AGENT) {
            userAgent = userAgent.substring(0, MAX_USER_AGENT);
        }
        RequestOrigin origin = new RequestOrigin(requestId, request.getRemoteAddr(), userAgent);
        request.setAttribute(ATTRIBUTE, origin);
        return origin;
    }

    static String newRequestId() {
        return UUID.randomUUID().toString();
    }
}
