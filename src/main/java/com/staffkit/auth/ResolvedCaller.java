package com.staffkit.auth;

import com.staffkit.common.security.Caller;
import java.time.Instant;

/**
 * A caller as resolved from a credential, with the moment the credential expires (null for an API
 * key without expiry): a cached caller never outlives its credential.
 */
record ResolvedCaller(Caller caller, Instant expiresAt) {}
