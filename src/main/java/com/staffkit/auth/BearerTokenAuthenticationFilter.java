package com.staffkit.auth;

import com.staffkit.common.security.Caller;
import com.staffkit.common.security.CallerAuthentication;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Turns a credential into a {@link Caller} with one indexed query: {@code Authorization: Bearer
 * <access token>} for staff, {@code X-Api-Key: <key>} or {@code Authorization: Token <key>} for
 * integration partners, and {@code Authorization: Bearer <key>} for identity providers, which send
 * nothing else. A bearer credential is a key when {@link ApiKeyService#isKey} says so (its prefix,
 * which no access token carries). A presented but unknown, expired or revoked credential is 401 at
 * once.
 */
class BearerTokenAuthenticationFilter extends OncePerRequestFilter {

    static final String API_KEY_HEADER = "X-Api-Key";
    private static final String BEARER = "bearer ";
    private static final String TOKEN = "token ";

    private final SessionService sessions;
    private final ApiKeyService apiKeys;
    private final CallerCache callers;
    private final AuthenticationEntryPoint entryPoint;
    private final RequestMatcher publicEndpoints;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    BearerTokenAuthenticationFilter(
            SessionService sessions,
            ApiKeyService apiKeys,
            CallerCache callers,
            AuthenticationEntryPoint entryPoint,
            RequestMatcher publicEndpoints) {
        this.sessions = sessions;
        this.apiKeys = apiKeys;
        this.callers = callers;
        this.entryPoint = entryPoint;
        this.publicEndpoints = publicEndpoints;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        String apiKey = request.getHeader(API_KEY_HEADER);
        Optional<Caller> caller;
        if (startsWith(authorization, BEARER)) {
            String secret = authorization.substring(BEARER.length()).trim();
            caller = ApiKeyService.isKey(secret)
                    ? resolve("api-key", secret, apiKeys::resolve)
                    : resolve("bearer", secret, sessions::resolve);
        } else if (startsWith(authorization, TOKEN)) {
            caller = resolve("api-key", authorization.substring(TOKEN.length()), apiKeys::resolve);
        } else if (apiKey != null) {
            caller = resolve("api-key", apiKey, apiKeys::resolve);
        } else {
            chain.doFilter(request, response);
            return;
        }
        if (caller.isEmpty() && publicEndpoints.matches(request)) {
            // A stale credential must not block logging in or out: public endpoints ignore it.
            chain.doFilter(request, response);
            return;
        }
        if (caller.isEmpty()) {
            contexts.clearContext();
            entryPoint.commence(request, response, new BadCredentialsException("invalid credential"));
            return;
        }
        SecurityContext context = contexts.createEmptyContext();
        context.setAuthentication(new CallerAuthentication(caller.get()));
        contexts.setContext(context);
        chain.doFilter(request, response);
    }

    private Optional<Caller> resolve(String kind, String secret, Function<String, Optional<ResolvedCaller>> lookup) {
        String trimmed = secret.trim();
        return trimmed.isEmpty() || trimmed.length() > 256 ? Optional.empty() : callers.get(kind, trimmed, lookup);
    }

    private static boolean startsWith(String header, String scheme) {
        return header != null && header.regionMatches(true, 0, scheme, 0, scheme.length());
    }
}
