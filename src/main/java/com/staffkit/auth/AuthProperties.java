package com.staffkit.auth;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** @param accessTokenTtl how long an access token is valid after login */
@ConfigurationProperties("staffkit.auth")
record AuthProperties(Duration accessTokenTtl) {}
