package com.staffkit.auth;

import com.staffkit.common.error.UnauthorizedException;
import com.staffkit.staff.LoginAccount;
import com.staffkit.staff.StaffLogins;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Starts a session for an account that proved itself another way than a password (activation). */
@Service
public class SessionStarter {

    private final StaffLogins staffLogins;
    private final SessionService sessions;

    SessionStarter(StaffLogins staffLogins, SessionService sessions) {
        this.staffLogins = staffLogins;
        this.sessions = sessions;
    }

    @Transactional
    public LoginResponse start(long staffId) {
        LoginAccount account = staffLogins
                .findById(staffId)
                .filter(LoginAccount::canLogIn)
                .orElseThrow(() -> new UnauthorizedException(
                        "invalid-credentials", "Invalid credentials", "This account cannot log in."));
        staffLogins.recordLogin(staffId);
        return LoginResponse.of(sessions.start(account.staffId(), account.organizationId(), account.sessionEpoch()));
    }
}
