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

    private ConflictException(String type, String title, String detail) {
        super(HttpStatus.CONFLICT, type, title, detail, List.of());
    }

    /** An optimistic lock that failed: another request changed the row since it was read. */
    public static ConflictException concurrentModification() {
        return new ConflictException(
                "concurrent-modification",
                "Concurrent modification",
                "The resource was changed by another request; read it again and retry.");
    }

    public static ConflictException alreadyInUse(String field) {
        return new ConflictException(field, "This " + field + " is already in use.");
    }
}
