package com.staffkit.activation;

import com.staffkit.common.error.GoneException;
import com.staffkit.common.error.NotFoundException;

/** The two ways a mailed token fails: it never existed (404), or it is used, replaced or expired (410). */
final class AccountTokenProblems {

    private AccountTokenProblems() {}

    static NotFoundException unknown(String what) {
        return new NotFoundException("This " + what + " token does not exist. Check the link in your email.");
    }

    static GoneException gone(String what) {
        return new GoneException(
                "token-gone",
                "Token no longer valid",
                "This " + what + " token was already used, replaced by a newer one, or has expired."
                        + " Ask for a new email.");
    }
}
