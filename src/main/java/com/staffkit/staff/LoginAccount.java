package com.staffkit.staff;

/**
 * What login needs to know of an account: the facts {@link #canLogIn} decides on.
 *
 * @param organizationActive its organization and every one above it are active ({@code organization_in_force()}, V24)
 * @param holdsRoleAllowingLogin it holds a role whose {@code allows_login} flag is set (any but worker)
 */
public record LoginAccount(
        long staffId,
        long organizationId,
        String passwordHash,
        int sessionEpoch,
        boolean active,
        boolean organizationActive,
        boolean activated,
        boolean serviceUser,
        boolean holdsRoleAllowingLogin) {

    /**
     * Whether the account may log in: active, in an organization in force, activated, not the
     * service user (which has no password and is managed by Staffkit), and holding a role that
     * allows login.
     */
    public boolean canLogIn() {
        return active && organizationActive && activated && !serviceUser && holdsRoleAllowingLogin;
    }

    @Override
    public String toString() {
        return "LoginAccount[staffId=" + staffId + ", organizationId=" + organizationId + ", canLogIn=" + canLogIn()
                + "]";
    }
}
