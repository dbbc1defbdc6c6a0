package com.staffkit.common.error;

import java.util.List;
import org.springframework.http.HttpStatus;

/** An {@code If-Match} that names a version other than the current one: the client read a stale copy. */
public class PreconditionFailedException extends ApiException {

    public PreconditionFailedException(String detail) {
        super(HttpStatus.PRECONDITION_FAILED, "precondition-failed", "Precondition failed", detail, List.of());
    }
}
