package com.staffkit.common.error;

/** One field-level problem: {@code field} is the JSON (snake_case) name or query parameter. */
public record FieldViolation(String field, String message) {

    /** A value of the wrong type, said without naming Java types. */
    public static FieldViolation mustBe(String field, Class<?> type) {
        return new FieldViolation(field, mustBe(type));
    }

    static String mustBe(Class<?> type) {
        String expected = type == null
                ? "a valid value"
                : switch (type.getSimpleName()) {
                    case "Boolean", "boolean" -> "true or false";
                    case "Long", "long", "Integer", "int" -> "an integer";
                    case "UUID" -> "a UUID";
                    default -> "a valid value";
                };
        return "must be " + expected;
    }
}
