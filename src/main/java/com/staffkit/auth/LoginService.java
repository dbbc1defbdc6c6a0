package com.staffkit.auth;

import com.staffkit.common.error.UnauthorizedException;
import com.staffkit.staff.LoginAccount;
import com.staffkit.staff.StaffLogins;
import java.util.Optional;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Exchanges a username or email and a password for an access token. Every refusal is the same
 * 401, and an unknown account costs the same hashing work, so nothing tells accounts apart.
 */
@Service
class LoginService {

    private final StaffLogins staffLogins;
    private final PasswordEncoder passwordEncoder;
    private final AccessTokenService tokens;
    private final String unknownAccountHash;

    LoginService(StaffLogins staffLogins, PasswordEncoder passwordEncoder, AccessTokenService tokens) {
        this.staffLogins = staffLogins;
        this.passwordEncoder = passwordEncoder;
        this.tokens = tokens;
        this.unknownAccountHash = passwordEncoder.encode(TokenHashing.newSecret());
    }

    @Transactional
    LoginResponse login(LoginRequest request) {
        Optional<LoginAccount> account =
                staffLogins.findByIdentifier(request.username().trim());
        String hash = account.map(LoginAccount::passwordHash).orElse(null);
        boolean passwordMatches = passwordEncoder.matches(request.password(), hash == null ? unknownAccountHash : hash);
        if (account.isEmpty()
                || hash == null
                || !passwordMatches
                || !account.get().canLogIn()) {
            throw invalidCredentials();
        }
        LoginAccount staff = account.get();
        staffLogins.recordLogin(staff.staffId());
        AccessTokenService.IssuedToken token = tokens.issue(staff.staffId(), staff.organizationId());
        return new LoginResponse(token.secret(), "Bearer", token.ttl().toSeconds());
    }

    private static UnauthorizedException invalidCredentials() {
        return new UnauthorizedException(
                "invalid-credentials", "Invalid credentials", "The username or password is incorrect.");
    }
}
