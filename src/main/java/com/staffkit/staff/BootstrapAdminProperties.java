package com.staffkit.staff;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The first superadmin, created at start when none is active.
 *
 * @param email its email (login); {@code admin@localhost} by default
 * @param password its password; when empty a strong one is generated and logged once
 */
@ConfigurationProperties("staffkit.bootstrap-admin")
record BootstrapAdminProperties(String email, String password) {

    @Override
    public String toString() {
        return "BootstrapAdminProperties[email=" + email + "]";
    }
}
