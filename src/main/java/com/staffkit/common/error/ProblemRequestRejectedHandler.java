package com.staffkit.common.error;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.stereotype.Component;

/**
 * A URL the security firewall refuses ({@code //}, {@code ..}, {@code ;}, an encoded {@code %},
 * line feed or dot) is a 400 problem. Spring Security picks this bean up for its filter chain proxy;
 * without it the rejection went to Boot's default error body.
 */
@Component
class ProblemRequestRejectedHandler implements RequestRejectedHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemRequestRejectedHandler.class);

    private final ProblemResponseWriter problems;

    ProblemRequestRejectedHandler(ProblemResponseWriter problems) {
        this.problems = problems;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException ex)
            throws IOException {
        log.debug("Rejected request: {}", ex.getMessage());
        problems.write(request, response, StatusProblems.of(HttpServletResponse.SC_BAD_REQUEST));
    }
}
