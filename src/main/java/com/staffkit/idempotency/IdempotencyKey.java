package com.staffkit.idempotency;

import java.util.List;

/**
 * The value of an {@code Idempotency-Key} header. The draft makes it a structured-field string
 * ({@code "8e03978e-40d5-43e8-bc93-6894a57f9324"}); most clients send it bare, so both are accepted
 * and mean the same key. The key itself is 1 to 255 printable ASCII characters (space to tilde), the
 * characters a structured-field string may hold.
 */
record IdempotencyKey(String value) {

    static final String HEADER = "Idempotency-Key";
    static final int MAX_LENGTH = 255;

    /** The key of a request's header values (there is one when the list is not empty). */
    static IdempotencyKey of(List<String> headerValues) {
        if (headerValues.size() != 1) {
            throw IdempotencyKeyException.malformed(
                    "Send one Idempotency-Key header, not " + headerValues.size() + ".");
        }
        String value = unquote(headerValues.getFirst().strip());
        if (value.isEmpty() || value.length() > MAX_LENGTH) {
            throw IdempotencyKeyException.malformed(
                    "The Idempotency-Key must be 1 to " + MAX_LENGTH + " characters long, not " + value.length() + ".");
        }
        if (!value.chars().allMatch(c -> c >= 0x20 && c <= 0x7e)) {
            throw IdempotencyKeyException.malformed(
                    "The Idempotency-Key may hold only printable ASCII characters (space to tilde).");
        }
        return new IdempotencyKey(value);
    }

    /** {@code "abc"} is the structured-field form of {@code abc}; its escapes are \" and \\. */
    private static String unquote(String raw) {
        if (raw.length() < 2 || raw.charAt(0) != '"' || raw.charAt(raw.length() - 1) != '"') {
            return raw;
        }
        StringBuilder key = new StringBuilder(raw.length());
        for (int i = 1; i < raw.length() - 1; i++) {
            char c = raw.charAt(i);
            if (c == '\\' && i + 1 < raw.length() - 1) {
                c = raw.charAt(++i);
            }
            key.append(c);
        }
        return key.toString();
    }
}
