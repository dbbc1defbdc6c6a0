package com.staffkit.auth;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param accessTokenTtl how long an access token is valid
 * @param refreshTokenTtl how long a refresh token is valid (each refresh issues a new one)
 * @param maxFailedLogins failed logins for one identifier within the lockout window before it is locked
 * @param lockout the window over which failures count, and how long a lock lasts
 */
@ConfigurationProperties("staffkit.auth")
record AuthProperties(Duration accessTokenTtl, Duration refreshTokenTtl, int maxFailedLogins, Duration lockout) {}
