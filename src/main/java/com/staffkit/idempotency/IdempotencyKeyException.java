package com.staffkit.idempotency;

import com.staffkit.common.error.ApiException;
import com.staffkit.common.error.FieldViolation;
import java.time.Duration;
import java.util.List;
import org.springframework.http.HttpStatus;

/** The ways a request's {@code Idempotency-Key} can be refused, each with the status the draft gives it. */
final class IdempotencyKeyException extends ApiException {

    private IdempotencyKeyException(HttpStatus status, String type, String title, String detail) {
        super(status, type, title, detail, List.of());
    }

    private IdempotencyKeyException(String detail) {
        super(
                HttpStatus.BAD_REQUEST,
                "invalid-idempotency-key",
                "Invalid Idempotency-Key",
                detail,
                List.of(new FieldViolation(IdempotencyKey.HEADER, detail)));
    }

    static IdempotencyKeyException malformed(String detail) {
        return new IdempotencyKeyException(detail);
    }

    /** The key was first used for another request (another path, query or body). */
    static IdempotencyKeyException reused() {
        return new IdempotencyKeyException(
                HttpStatus.UNPROCESSABLE_CONTENT,
                "idempotency-key-reused",
                "Idempotency-Key reused",
                "This Idempotency-Key was used for a different request; send a new key for a new request.");
    }

    /** The first request with this key has not finished yet. */
    static IdempotencyKeyException inProgress(Duration retryAfter) {
        IdempotencyKeyException ex = new IdempotencyKeyException(
                HttpStatus.CONFLICT,
                "idempotency-key-in-use",
                "Request in progress",
                "A request with this Idempotency-Key is still being processed; retry after Retry-After.");
        ex.retryAfter(retryAfter);
        return ex;
    }
}
