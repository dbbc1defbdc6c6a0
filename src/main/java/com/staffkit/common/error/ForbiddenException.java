package com.staffkit.common.error;

import java.util.List;
import org.springframework.http.HttpStatus;

/** The caller is known but may not do this. */
public class ForbiddenException extends ApiException {

    public ForbiddenException(String detail) {
        super(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", detail, List.of());
    }
}
