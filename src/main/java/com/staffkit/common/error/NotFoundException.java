package com.staffkit.common.error;

import java.util.List;
import org.springframework.http.HttpStatus;

/** A row that does not exist or that the caller may not see: both answer the same 404. */
public class NotFoundException extends ApiException {

    public NotFoundException(String detail) {
        super(HttpStatus.NOT_FOUND, "not-found", "Resource not found", detail, List.of());
    }
}
