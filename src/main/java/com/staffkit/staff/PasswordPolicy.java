package com.staffkit.staff;

import com.staffkit.common.error.InvalidRequestException;

/** 10 to 128 characters, and not the account's email or username. */
final class PasswordPolicy {

    static final int MIN = 10;
    static final int MAX = 128;

    private PasswordPolicy() {}

    static void check(String field, String password, String email, String username) {
        if (password == null || password.length() < MIN || password.length() > MAX) {
            throw InvalidRequestException.forField(field, "must be " + MIN + " to " + MAX + " characters long");
        }
        if ((email != null && password.equalsIgnoreCase(email))
                || (username != null && password.equalsIgnoreCase(username))) {
            throw InvalidRequestException.forField(field, "must not be the email or the username");
        }
    }
}
