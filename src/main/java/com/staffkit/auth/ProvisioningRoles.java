package com.staffkit.auth;

import com.staffkit.common.security.Caller;
import org.springframework.stereotype.Component;

/** The role of staff an identity provider creates (SCIM): its API key's {@code scim_default_role}, else member. */
@Component
public class ProvisioningRoles {

    public static final String DEFAULT_ROLE = "member";

    private final ApiKeyRepository keys;

    ProvisioningRoles(ApiKeyRepository keys) {
        this.keys = keys;
    }

    public String defaultRoleOf(Caller caller) {
        if (caller.apiKeyId() == null) {
            return DEFAULT_ROLE;
        }
        return keys.scimDefaultRole(caller.apiKeyId()).orElse(DEFAULT_ROLE);
    }
}
