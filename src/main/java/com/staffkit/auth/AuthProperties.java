package com.staffkit.auth;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param accessTokenTtl how long an access token is valid
 * @param refreshTokenTtl how long a refresh token is valid (each refresh issues a new one)
 * @param maxFailedLogins failed logins for one identifier within the lockout window before it is locked
 * @param lockout the window over which failures count, and how long a lock lasts
 * @param callerCacheTtl at most how long a resolved credential may be reused without reading the
 *     database, a safety net behind the announced changes that empty the cache (zero turns it off);
 *     see {@link CallerCache}
 * @param maxFailedLoginsPerAddress failed logins from one client address within the lockout window
 *     before that address gets 429 for the rest of the window
 * @param passwordHashes passwords hashed or checked at once; unset: half the processors, at least one
 * @param passwordHashWait how long a login may wait for its turn to hash before it gets 503
 */
@ConfigurationProperties("staffkit.auth")
record AuthProperties(
        Duration accessTokenTtl,
        Duration refreshTokenTtl,
        int maxFailedLogins,
        Duration lockout,
        Duration callerCacheTtl,
        @DefaultValue("100") int maxFailedLoginsPerAddress,
        Integer passwordHashes,
        @DefaultValue("5s") Duration passwordHashWait) {

    AuthProperties {
        if (passwordHashes == null) {
            passwordHashes = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
        }
        if (passwordHashes < 1) {
            throw new IllegalArgumentException("staffkit.auth.password-hashes must be at least 1");
        }
    }
}
