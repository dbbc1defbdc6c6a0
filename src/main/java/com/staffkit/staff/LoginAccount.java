package com.staffkit.staff;

/**
 * What login needs to know of an account.
 *
 * @param canLogIn active, in an active organization, activated, and holding a role other than worker
 */
public record LoginAccount(long staffId, long organizationId, String passwordHash, boolean canLogIn, int sessionEpoch) {

    @Override
    public String toString() {
        return "LoginAccount[staffId=" + staffId + ", organizationId=" + organizationId + ", canLogIn=" + canLogIn
                + "]";
    }
}
