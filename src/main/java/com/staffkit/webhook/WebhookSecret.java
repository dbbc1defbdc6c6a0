package com.staffkit.webhook;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * A signing secret as Standard Webhooks writes it: {@code whsec_} and the base64 of 32 random bytes.
 * The bytes are what signs; the text is shown to the caller only when it is made.
 */
final class WebhookSecret {

    static final String PREFIX = "whsec_";
    private static final int BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSecret() {}

    static byte[] newSecret() {
        byte[] secret = new byte[BYTES];
        RANDOM.nextBytes(secret);
        return secret;
    }

    static String text(byte[] secret) {
        return PREFIX + Base64.getEncoder().encodeToString(secret);
    }
}
