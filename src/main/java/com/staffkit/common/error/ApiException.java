package com.staffkit.common.error;

import java.time.Duration;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * A business failure that becomes an RFC 9457 problem. Each kind carries a stable {@code type}, a
 * fixed {@code title} and a specific {@code detail}; subclasses name the failure. The problem is
 * built once, here, together with the headers it needs ({@code WWW-Authenticate},
 * {@code Retry-After}), so the advice and the filters' {@link ProblemResponseWriter} send the same
 * answer without knowing any kind in particular.
 */
public abstract class ApiException extends ErrorResponseException {

    private final List<FieldViolation> errors;

    protected ApiException(HttpStatus status, String type, String title, String detail, List<FieldViolation> errors) {
        super(status, ProblemTypes.problem(status, type, title, detail), null);
        this.errors = List.copyOf(errors);
        if (!this.errors.isEmpty()) {
            getBody().setProperty("errors", this.errors);
        }
    }

    /** Tells the client when to try again: whole seconds, rounded up, at least one. */
    protected final void retryAfter(Duration wait) {
        getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, (wait.toMillis() + 999) / 1000)));
    }

    public String title() {
        return getBody().getTitle();
    }

    public String detail() {
        return getBody().getDetail();
    }

    public List<FieldViolation> errors() {
        return errors;
    }

    /** The detail, as before this became an {@link ErrorResponseException}: what logs show. */
    @Override
    public String getMessage() {
        return detail();
    }
}
