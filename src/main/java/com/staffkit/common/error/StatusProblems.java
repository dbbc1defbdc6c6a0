package com.staffkit.common.error;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * The problem for a bare status, when all that is known of a failure is its status code: requests
 * the container or the firewall refused, and anything else that reaches the error dispatch. The
 * detail says what a client can do, never what failed inside.
 */
public final class StatusProblems {

    private StatusProblems() {}

    public static ProblemDetail of(int status) {
        HttpStatusCode code = HttpStatusCode.valueOf(status);
        return ProblemTypes.problem(code, ProblemTypes.forStatus(code), title(status), detail(status));
    }

    /** The same problem as plain JSON members in their usual order, for writers without Spring's converters. */
    public static Map<String, Object> members(int status, URI instance) {
        ProblemDetail problem = of(status);
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("type", problem.getType().toString());
        members.put("title", problem.getTitle());
        members.put("status", problem.getStatus());
        members.put("detail", problem.getDetail());
        members.put("instance", instance.toString());
        return members;
    }

    private static String title(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        return known == null ? (status >= 500 ? "Server error" : "Client error") : known.getReasonPhrase();
    }

    private static String detail(int status) {
        return switch (status) {
            case 400 -> "The request is malformed: check its URL (encoding, empty or dot segments), headers and body.";
            case 401 -> "This endpoint requires authentication: send Authorization: Bearer <access_token>.";
            case 403 -> "You do not have the permission this operation requires.";
            case 404 -> "There is no resource at this path.";
            case 405 -> "This resource does not support the request's method.";
            case 406 -> "This resource answers with application/json only.";
            case 408 -> "The request took too long to arrive.";
            case 413 -> "The request body is too large.";
            case 414 -> "The request URL is too long.";
            case 415 -> "Send the request body as application/json.";
            case 431 -> "The request headers are too large.";
            case 503 -> "The service is unavailable; retry in a moment.";
            case 505 -> "Send the request as HTTP/1.1.";
            default ->
                status >= 500
                        ? "Something went wrong on our side. The failure has been logged."
                        : "The request cannot be processed.";
        };
    }
}
