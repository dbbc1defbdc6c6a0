package com.staffkit.common.error;

/** One field-level problem: {@code field} is the JSON (snake_case) name or query parameter. */
public record FieldViolation(String field, String message) {}
