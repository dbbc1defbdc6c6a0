package com.staffkit.common.error;

import java.util.List;
import org.springframework.http.HttpStatus;

/** The request clashes with the current state: a taken unique value, a concurrent edit. */
public class ConflictException extends ApiException {

    public ConflictException(String detail) {
        super(HttpStatus.CONFLICT, "conflict", "Conflict with the current state", detail, List.of());
    }

    public ConflictException(String field, String detail) {
        super(
                HttpStatus.CONFLICT,
                "conflict",
                "Conflict with the current state",
                detail,
                List.of(new FieldViolation(field, detail)));
    }

    public static ConflictException alreadyInUse(String field) {
        return new ConflictException(field, "This " + field + " is already in use.");
    }
}
