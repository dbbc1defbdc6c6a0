package com.staffkit.common.error;

import java.util.List;
import org.springframework.http.HttpStatus;

/** A request body larger than {@code staffkit.web.max-request-body}. */
public class PayloadTooLargeException extends ApiException {

    public PayloadTooLargeException(long limitBytes) {
        super(
                HttpStatus.CONTENT_TOO_LARGE,
                "payload-too-large",
                "Request body too large",
                "The request body exceeds the limit of " + limitBytes + " bytes.",
                List.of());
    }
}
