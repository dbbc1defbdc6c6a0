package com.staffkit.common.error;

import com.staffkit.common.input.NulCharacters;
import java.util.List;
import org.springframework.http.HttpStatus;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.exc.MismatchedInputException;
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
            return InvalidRequestException.forField(field, expectation(ex));
        }
        return new MalformedBodyException();
    }

    /** What the field takes, when the failure says which type it wanted. */
    private static String expectation(JacksonException ex) {
        if (ex instanceof InvalidNullException) {
            return "must not be null";
        }
        Class<?> type = ex instanceof MismatchedInputException mismatch ? mismatch.getTargetType() : null;
        if (type == null) {
            return "has a value of the wrong type or format";
        }
        if (CharSequence.class.isAssignableFrom(type)) {
            return "must be a string";
        }
        return switch (type.getName()) {
            case "java.lang.Long", "long", "java.lang.Integer", "int", "java.lang.Short", "short" ->
                "must be an integer";
            case "java.lang.Boolean", "boolean" -> "must be true or false";
            case "java.lang.Double", "double", "java.lang.Float", "float", "java.math.BigDecimal" -> "must be a number";
            default -> "has a value of the wrong type or format";
        };
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
