package com.staffkit.webhook;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.EmptyWebhookSecretException;
import com.standardwebhooks.exceptions.WebhookSigningException;

/**
 * The {@code webhook-signature} header of Standard Webhooks 1.0, made by its reference library:
 * {@code v1,} and the base64 HMAC-SHA256 of {@code {id}.{timestamp}.{body}} under each secret that
 * signs, space-separated (the new one first, then for a day after a rotation the one before it).
 */
final class WebhookSignatures {

    private WebhookSignatures() {}

    static String sign(WebhookQueue.Claimed message, long timestamp, String body) {
        String id = message.eventId().toString();
        String current = sign(message.secret(), id, timestamp, body);
        byte[] previous = message.previousSecret();
        return previous == null ? current : current + " " + sign(previous, id, timestamp, body);
    }

    private static String sign(byte[] secret, String id, long timestamp, String body) {
        try {
            return new Webhook(secret).sign(id, timestamp, body);
        } catch (WebhookSigningException | EmptyWebhookSecretException ex) {
            throw new IllegalStateException("Cannot sign with this secret", ex);
        }
    }
}
