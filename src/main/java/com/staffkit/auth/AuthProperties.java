package com.staffkit.auth;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param accessTokenTtl how long an access token is valid
 * @param refreshTokenTtl how long a refresh token is valid (each refresh issues a new one)
 * @param maxFailedLogins failed logins for one identifier within the lockout window before it is locked
 * @param lockout the window over which failures count, and how long a lock lasts
 * @param callerCacheTtl how long a resolved credential may be reused without reading the database
 *     (zero, the default, turns the cache off); see {@link CallerCache}
 */
@ConfigurationProperties("staffkit.auth")
record AuthProperties(
        Duration accessTokenTtl,
        Duration refreshTokenTtl,
        int maxFailedLogins,
        Duration lockout,
        Duration callerCacheTtl) {}
