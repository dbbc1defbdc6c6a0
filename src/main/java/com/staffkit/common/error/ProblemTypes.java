package com.staffkit.common.error;

import java.net.URI;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/** Stable problem type URIs, one per kind of failure. */
public final class ProblemTypes {

    private static final String BASE = "https://staffkit.dev/problems/";

    private ProblemTypes() {}

    public static URI uri(String type) {
        return URI.create(BASE + type);
    }

    /** The type for a status when no more specific kind applies. */
    public static String forStatus(HttpStatusCode status) {
        return switch (status.value()) {
            case 400 -> "bad-request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 409 -> "conflict";
            case 413 -> "payload-too-large";
            case 415 -> "unsupported-media-type";
            case 429 -> "too-many-requests";
            default -> status.is5xxServerError() ? "internal-error" : "error";
        };
    }

    public static ProblemDetail problem(HttpStatusCode status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(uri(type));
        problem.setTitle(title);
        return problem;
    }
}
