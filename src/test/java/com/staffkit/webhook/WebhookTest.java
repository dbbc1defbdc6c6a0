package com.staffkit.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.staffkit.support.ApiResponse;
import com.staffkit.support.IntegrationTest;
import com.staffkit.support.WebhookReceiver;
import com.standardwebhooks.Webhook;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Webhook tests: a real receiver on loopback (which this context allows, over http), an
 * organization with an admin, and signatures checked by the Standard Webhooks reference library.
 */
@TestPropertySource(properties = {"staffkit.webhooks.allow-http=true", "staffkit.webhooks.allow-private-networks=true"})
abstract class WebhookTest extends IntegrationTest {

    /** An endpoint as created: its id and the secret shown once. */
    record Endpoint(long id, String secret) {}

    WebhookReceiver receiver;
    long organization;
    Member admin;

    @BeforeEach
    void setUpReceiver() {
        receiver = new WebhookReceiver();
        organization = newOrganization("Hooks " + unique());
        admin = member(organization, "admin");
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    Endpoint createWebhook(String path, String... eventTypes) {
        ApiResponse created = api.post("/api/v1/webhooks")
                .token(admin.token())
                .json(Map.of("url", receiver.url(path), "event_types", List.of(eventTypes)))
                .send();
        JsonNode body = created.json(201);
        return new Endpoint(body.get("id").asLong(), body.get("secret").asString());
    }

    JsonNode createStaffMember(String email) {
        return api.post("/api/v1/staffs")
                .token(admin.token())
                .json(Map.of("first_name", "Hook", "last_name", "Target", "email", email))
                .send()
                .json(201);
    }

    /** Verifies a received request with the reference library; throws when no signature matches. */
    static void verify(WebhookReceiver.Received request, String secret) throws Exception {
        new Webhook(secret).verify(request.body(), request.headers());
    }

    static boolean verifies(WebhookReceiver.Received request, String secret) {
        try {
            verify(request, secret);
            return true;
        } catch (Exception refused) {
            return false;
        }
    }

    JsonNode deliveries(long webhook) {
        return api.get("/api/v1/webhooks/" + webhook + "/deliveries")
                .token(admin.token())
                .send()
                .json(200)
                .get("results");
    }

    JsonNode parse(WebhookReceiver.Received request) {
        JsonNode body = json.readTree(request.body());
        assertThat(body).isNotNull();
        return body;
    }
}
