package com.staffkit.auth;

import com.staffkit.common.security.Caller;
import java.time.Clock;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * The caller a staff member or an API key is now, without their credential: for work a request
 * started that runs later (an import's batches), so that it acts with the permissions, organizations
 * and stores its actor holds when it runs, exactly as a request of theirs would. Empty once the
 * staff member is deactivated, the key revoked or expired (or its creator deactivated), or the
 * organization is no longer in force.
 */
@Service
public class CallerLookup {

    private final AccessTokenRepository accessTokens;
    private final ApiKeyRepository apiKeys;
    private final Clock clock;

    CallerLookup(AccessTokenRepository accessTokens, ApiKeyRepository apiKeys, Clock clock) {
        this.accessTokens = accessTokens;
        this.apiKeys = apiKeys;
        this.clock = clock;
    }

    public Optional<Caller> staff(long staffId) {
        return accessTokens.findStaffCaller(staffId);
    }

    public Optional<Caller> apiKey(long apiKeyId) {
        return apiKeys.findCaller(apiKeyId, clock.instant());
    }
}
