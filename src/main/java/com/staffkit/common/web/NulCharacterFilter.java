package com.staffkit.common.web;

import com.staffkit.common.error.InvalidRequestException;
import com.staffkit.common.error.ProblemResponseWriter;
import com.staffkit.common.input.NulCharacters;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a query parameter whose name or value holds the NUL character with 400 naming it, before
 * anything reads it (see {@link NulCharacters}).
 */
class NulCharacterFilter extends OncePerRequestFilter {

    private final ProblemResponseWriter problems;

    NulCharacterFilter(ProblemResponseWriter problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<String> refused = parameterWithNul(request.getQueryString());
        if (refused.isPresent()) {
            problems.write(request, response, InvalidRequestException.forField(refused.get(), NulCharacters.MESSAGE));
            return;
        }
        chain.doFilter(request, response);
    }

    /** The name of the first parameter holding the NUL character, decoded as the container decodes it. */
    static Optional<String> parameterWithNul(String query) {
        if (query == null || (!query.contains("%00") && query.indexOf('\0') < 0)) {
            return Optional.empty();
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            if (NulCharacters.in(name) || NulCharacters.in(value)) {
                return Optional.of(name.replace("\0", ""));
            }
        }
        return Optional.of("query");
    }

    private static String decode(String raw) {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            // A malformed escape is the container's to refuse; only the NUL itself is looked for here.
            return raw.replace("%00", "\0");
        }
    }
}
