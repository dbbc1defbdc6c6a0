package com.staffkit.staff;

/**
 * Limits password guesses outside login (the current password of a password change). The
 * authentication feature provides it, backed by the same counters as the login lockout.
 */
public interface PasswordAttemptGuard {

    /** Counts an attempt before the password is checked; throws (429) while the key is locked. */
    void attempt(String key);

    /** A correct password clears the count. */
    void succeeded(String key);
}
