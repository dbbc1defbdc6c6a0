package com.staffkit.activation;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

final class AccountTokenProperties {

    private AccountTokenProperties() {}

    /** @param tokenTtl how long an activation link works */
    @ConfigurationProperties("staffkit.activation")
    record Activation(Duration tokenTtl) {}

    /**
     * @param tokenTtl how long a reset link works
     * @param maxPerEmail reset requests per email within the window
     * @param maxPerAddress reset requests per client address within the window
     */
    @ConfigurationProperties("staffkit.password-reset")
    record PasswordReset(Duration tokenTtl, int maxPerEmail, int maxPerAddress, Duration window) {}

    /** @param publicUrl the front end serving /activate and /reset-password */
    @ConfigurationProperties("staffkit")
    record Links(String publicUrl) {}
}
