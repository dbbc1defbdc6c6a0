package com.staffkit.common.error;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes problem+json from places MVC's advice never sees: the security filters, other filters and
 * the error dispatch (under {@code /scim/}, the same failure in the SCIM error schema: {@link
 * ScimErrors}). Every problem it writes carries the request path as {@code instance} and the
 * security headers.
 */
@Component
public class ProblemResponseWriter {

    private final JsonMapper jsonMapper;

    public ProblemResponseWriter(JsonMapper jsonMapper) {
        this.jsonMapper = jsonMapper;
    }

    public void write(
            HttpServletRequest request,
            HttpServletResponse response,
            HttpStatusCode status,
            String type,
            String title,
            String detail)
            throws IOException {
        write(request, response, ProblemTypes.problem(status, type, title, detail));
    }

    /** The exception's own problem with its own headers, exactly as the advice would answer it. */
    public void write(HttpServletRequest request, HttpServletResponse response, ErrorResponse ex) throws IOException {
        ex.getHeaders().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
        write(request, response, ex.getBody());
    }

    public void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem)
            throws IOException {
        if (problem.getInstance() == null) {
            problem.setInstance(ProblemTypes.instance(requestPath(request)));
        }
        response.setStatus(problem.getStatus());
        SecurityHeaders.set(response);
        response.setCharacterEncoding("UTF-8");
        if (ScimErrors.covers(request)) {
            response.setContentType(ScimErrors.MEDIA_TYPE_VALUE);
            jsonMapper.writeValue(response.getOutputStream(), ScimErrors.body(problem));
            return;
        }
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        jsonMapper.writeValue(response.getOutputStream(), problem);
    }

    /** The path the client asked for: on an error dispatch, the original one rather than {@code /error}. */
    private static String requestPath(HttpServletRequest request) {
        Object original = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        return original instanceof String path ? path : request.getRequestURI();
    }
}
