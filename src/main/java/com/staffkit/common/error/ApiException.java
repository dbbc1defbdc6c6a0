package com.staffkit.common.error;

import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * A business failure that becomes an RFC 9457 problem. Each kind carries a stable {@code type},
 * a fixed {@code title} and a specific {@code detail}; subclasses name the failure.
 */
public abstract class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String type;
    private final String title;
    private final List<FieldViolation> errors;

    protected ApiException(HttpStatus status, String type, String title, String detail, List<FieldViolation> errors) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    public HttpStatus status() {
        return status;
    }

    /** The problem type's short name, turned into a URI by {@link ProblemTypes}. */
    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    public List<FieldViolation> errors() {
        return errors;
    }
}
