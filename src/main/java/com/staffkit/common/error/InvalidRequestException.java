package com.staffkit.common.error;

import java.util.List;
import org.springframework.http.HttpStatus;

/** The request is well-formed JSON but its values are not acceptable. */
public class InvalidRequestException extends ApiException {

    public InvalidRequestException(String detail, List<FieldViolation> errors) {
        super(HttpStatus.BAD_REQUEST, "validation", "Invalid request", detail, errors);
    }

    public static InvalidRequestException forField(String field, String message) {
        return new InvalidRequestException(field + ": " + message, List.of(new FieldViolation(field, message)));
    }
}
