package com.staffkit.common.error;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * Errors under {@code /scim/} in the SCIM error schema (RFC 7644 §3.12) instead of problem+json:
 * the one place that decides by request path. Every error is still made as a {@link ProblemDetail}
 * (by the advice, the security entry point and access-denied handler, the {@code /error} dispatch,
 * the filters); {@link ProblemResponseWriter} and {@link GlobalExceptionHandler} ask {@link #covers}
 * and, for a SCIM path, write {@link #body} as {@code application/scim+json}. A failure with a
 * {@code scimType} of its own carries it as the problem property {@value #SCIM_TYPE}.
 */
public final class ScimErrors {

    public static final String MEDIA_TYPE_VALUE = "application/scim+json";
    public static final MediaType MEDIA_TYPE = MediaType.parseMediaType(MEDIA_TYPE_VALUE);
    public static final String ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";
    /** The problem property naming the RFC 7644 {@code scimType} of a failure. */
    public static final String SCIM_TYPE = "scimType";

    private static final String PREFIX = "/scim/";

    private ScimErrors() {}

    /** Whether the request (on an error dispatch, the original one) is for a SCIM path. */
    public static boolean covers(HttpServletRequest request) {
        Object original = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String path = original instanceof String uri ? uri : request.getRequestURI();
        if (path == null) {
            return false;
        }
        String contextPath = request.getContextPath();
        if (contextPath != null && !contextPath.isEmpty() && path.startsWith(contextPath)) {
            path = path.substring(contextPath.length());
        }
        return path.startsWith(PREFIX) || path.equals(PREFIX.substring(0, PREFIX.length() - 1));
    }

    /** The problem as a SCIM error: {@code schemas}, {@code status} as a string, {@code scimType}, {@code detail}. */
    public static Map<String, Object> body(ProblemDetail problem) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("schemas", List.of(ERROR_SCHEMA));
        body.put("status", Integer.toString(problem.getStatus()));
        String scimType = scimType(problem);
        if (scimType != null) {
            body.put(SCIM_TYPE, scimType);
        }
        body.put("detail", detail(problem));
        return body;
    }

    /**
     * The detail, where the API's generic one would mislead a SCIM client: SCIM is called with an
     * API key, never with an access token, and speaks {@code application/scim+json}.
     */
    private static String detail(ProblemDetail problem) {
        String detail = problem.getDetail() != null ? problem.getDetail() : problem.getTitle();
        return switch (problem.getStatus()) {
            case 401 ->
                detail != null && detail.contains("invalid")
                        ? "The API key is invalid, expired or revoked."
                        : "Send an API key whose roles carry scim:provision as Authorization: Bearer <key>.";
            case 406 -> "This resource answers with " + MEDIA_TYPE_VALUE + ".";
            case 415 -> "Send the request body as " + MEDIA_TYPE_VALUE + " or application/json.";
            default -> detail;
        };
    }

    /**
     * The failure's own {@code scimType}, else the one RFC 7644 gives a bad request's kind: a body
     * that is no JSON is {@code invalidSyntax}, any other 400 {@code invalidValue}. Other statuses
     * have none unless the failure names one.
     */
    private static @Nullable String scimType(ProblemDetail problem) {
        Map<String, Object> properties = problem.getProperties();
        if (properties != null && properties.get(SCIM_TYPE) instanceof String own) {
            return own;
        }
        String type = problem.getType() == null ? "" : problem.getType().toString();
        if (problem.getStatus() == 409) {
            // A taken unique value (userName, email, externalId, a team's name); not a concurrent edit.
            return type.endsWith("/conflict") ? "uniqueness" : null;
        }
        if (problem.getStatus() != 400) {
            return null;
        }
        return type.endsWith("/malformed-request") ? "invalidSyntax" : "invalidValue";
    }
}
