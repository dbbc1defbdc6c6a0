package com.staffkit.common.error;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Everything dispatched to {@code /error} (a status sent by the container or a filter, an exception
 * thrown by a filter before any controller ran) answers problem+json, whatever the request's
 * {@code Accept}: it replaces Boot's default error controller and its
 * {@code {"timestamp", "status", "error", "path"}} body.
 */
@Controller
class ProblemErrorController implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorController.class);

    private final ProblemResponseWriter problems;

    ProblemErrorController(ProblemResponseWriter problems) {
        this.problems = problems;
    }

    @RequestMapping("${server.error.path:${error.path:/error}}")
    void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Throwable failure = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        ApiException known = Failures.asApiException(failure);
        if (known != null) {
            log.warn("{} before a controller ran: {}", known.title(), failure.toString());
            problems.write(request, response, known);
            return;
        }
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        // Called directly, /error is no resource of the API.
        int status = code instanceof Integer c && c >= 400 ? c : 404;
        if (failure != null && status >= 500) {
            log.error("Unexpected error before a controller ran", failure);
        }
        problems.write(request, response, StatusProblems.of(status));
    }
}
