package com.staffkit.common.events;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A security event that changes no aggregate: a failed login, a login refused while locked out, an
 * ended session, a requested activation or password-reset email. The audit trail records it like a
 * change, in its own statement (a failed login has no transaction to join).
 *
 * @param type dotted, as a change's: {@code auth.login_failed}, {@code auth.logout}, ...
 * @param organizationId the account's organization; null when no account is known
 * @param actor who did it: the account itself, an API key or staff member on its behalf, or anonymous
 * @param staffId the account concerned; null when the identifier matched none (nothing typed into a
 *     login form is ever recorded: it may be a mistyped password)
 * @param display how people recognize that account, null with it
 * @param occurredAt when it happened
 */
public record AccessEvent(
        String type,
        @Nullable Long organizationId,
        Actor actor,
        @Nullable Long staffId,
        @Nullable String display,
        Instant occurredAt) {

    public static final String LOGIN_FAILED = "auth.login_failed";
    public static final String LOGIN_LOCKED_OUT = "auth.login_locked_out";
    public static final String LOGGED_OUT = "auth.logout";
    public static final String REFRESH_TOKEN_REUSED = "auth.refresh_token_reused";
    /** A change to the account (deactivation, roles, password) ended the sessions it had. */
    public static final String SESSIONS_REVOKED = "auth.sessions_revoked";

    public static final String ACTIVATION_REQUESTED = "staff.activation_requested";
    public static final String PASSWORD_RESET_REQUESTED = "staff.password_reset_requested";

    public AccessEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }

    /** An event about a known account. */
    public static AccessEvent about(
            String type, long organizationId, Actor actor, long staffId, String display, Instant occurredAt) {
        return new AccessEvent(type, organizationId, actor, staffId, display, occurredAt);
    }

    /** A failed login whose identifier matched no account. */
    public static AccessEvent unknownAccount(String type, Instant occurredAt) {
        return new AccessEvent(type, null, Actor.ANONYMOUS, null, null, occurredAt);
    }
}
