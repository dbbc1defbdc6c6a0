package com.staffkit.common.error;

import com.staffkit.common.web.NulCharacters;
import java.util.List;
import org.springframework.http.HttpStatus;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/** Turns a failure to bind a JSON body into the problem a client can act on. */
public final class JsonBodyProblems {

    private JsonBodyProblems() {}

    public static ApiException from(JacksonException ex) {
        if (ex instanceof UnrecognizedPropertyException unknown) {
            return new UnknownPropertyException(JsonNames.path(unknown.getPath()));
        }
        if (ex instanceof NulCharacters.RefusedException) {
            return InvalidRequestException.forField(JsonNames.path(ex.getPath()), NulCharacters.MESSAGE);
        }
        if (!ex.getPath().isEmpty()) {
            String field = JsonNames.path(ex.getPath());
            return InvalidRequestException.forField(field, "has a value of the wrong type or format");
        }
        return new MalformedBodyException();
    }

    /** A property the resource does not have, or that cannot be set: refused, never ignored. */
    public static final class UnknownPropertyException extends ApiException {
        UnknownPropertyException(String field) {
            super(
                    HttpStatus.BAD_REQUEST,
                    "unknown-property",
                    "Unknown property",
                    "Unknown property '" + field + "'; it is not part of this resource or it cannot be set.",
                    List.of(new FieldViolation(field, "unknown property")));
        }
    }

    public static final class MalformedBodyException extends ApiException {
        public MalformedBodyException() {
            super(
                    HttpStatus.BAD_REQUEST,
                    "malformed-request",
                    "Malformed request body",
                    "The request body is missing or is not valid JSON.",
                    List.of());
        }
    }
}
