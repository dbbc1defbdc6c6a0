package com.staffkit.common.error;

import java.util.List;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;

/**
 * The request is well-formed but its values are not acceptable. The one place that turns field
 * violations into a problem: its detail lists them as {@code field: message; field: message}.
 */
public class InvalidRequestException extends ApiException {

    public InvalidRequestException(String detail, List<FieldViolation> errors) {
        super(HttpStatus.BAD_REQUEST, "validation", "Invalid request", detail, errors);
    }

    /** A 400 for these violations, in this order; with none, a detail that names no field. */
    public static InvalidRequestException of(List<FieldViolation> errors) {
        String detail = errors.isEmpty()
                ? "The request is not valid."
                : errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; "));
        return new InvalidRequestException(detail, errors);
    }

    public static InvalidRequestException forField(String field, String message) {
        return of(List.of(new FieldViolation(field, message)));
    }
}
