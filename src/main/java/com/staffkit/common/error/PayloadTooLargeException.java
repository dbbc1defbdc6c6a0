package com.staffkit.common.error;

import java.util.List;
import org.springframework.http.HttpStatus;

/** A request body larger than {@code staffkit.web.max-request-body}, or a bulk request of too many items. */
public class PayloadTooLargeException extends ApiException {

    public PayloadTooLargeException(long limitBytes) {
        this("The request body exceeds the limit of " + limitBytes + " bytes.");
    }

    private PayloadTooLargeException(String detail) {
        super(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Request body too large", detail, List.of());
    }

    /** A bulk request with more items than one request may carry. */
    public static PayloadTooLargeException items(int given, int max) {
        return new PayloadTooLargeException(
                "A bulk request carries at most " + max + " items; this one has " + given + ". Split it.");
    }
}
