package com.staffkit.common.error;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/** Stable problem type URIs, one per kind of failure. */
public final class ProblemTypes {

    private static final String BASE = "https://staffkit.dev/problems/";
    private static final String PATH_CHARACTERS =
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~/!$&'()*+,;=:@";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

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
            case 431 -> "request-headers-too-large";
            case 503 -> "service-unavailable";
            case 505 -> "http-version-not-supported";
            default -> status.is5xxServerError() ? "internal-error" : "error";
        };
    }

    /**
     * A problem's {@code instance} from a request path as the client sent it: characters a URI path
     * may hold are kept, anything else (quotes, spaces, control characters, a {@code %} that starts
     * no escape) is percent-encoded, so no raw input is echoed and the value is always a valid URI.
     */
    public static URI instance(String rawPath) {
        if (rawPath == null || rawPath.isEmpty()) {
            return URI.create("/");
        }
        StringBuilder safe = new StringBuilder(rawPath.length());
        byte[] bytes = rawPath.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            boolean escape = b == '%' && i + 2 < bytes.length && isHex(bytes[i + 1]) && isHex(bytes[i + 2]);
            if (escape || (b < 0x80 && PATH_CHARACTERS.indexOf(b) >= 0)) {
                safe.append((char) b);
            } else {
                safe.append('%').append(HEX[b >> 4]).append(HEX[b & 0xf]);
            }
        }
        return URI.create(safe.charAt(0) == '/' ? safe.toString() : "/" + safe);
    }

    private static boolean isHex(byte b) {
        return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F');
    }

    public static ProblemDetail problem(HttpStatusCode status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(uri(type));
        problem.setTitle(title);
        return problem;
    }
}
