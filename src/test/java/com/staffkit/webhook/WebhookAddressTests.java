package com.staffkit.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.staffkit.support.ApiResponse;
import com.staffkit.support.IntegrationTest;
import com.staffkit.support.WebhookReceiver;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With the defaults (https only, no private networks): URLs that reach loopback, private, link-local
 * or metadata addresses are refused when an endpoint is written, and again at delivery, on the
 * address the connection would use.
 */
class WebhookAddressTests extends IntegrationTest {

    @Test
    void privateAndPlainHttpUrlsAreRefusedAtCreation() {
        long organization = newOrganization("Guarded " + unique());
        String admin = member(organization, "admin").token();
        for (String url : List.of(
                "https://127.0.0.1/hook",
                "https://localhost/hook",
                "https://[::1]/hook",
                "https://[::ffff:127.0.0.1]/hook",
                "https://10.1.2.3/hook",
                "https://172.16.0.1/hook",
                "https://192.168.1.1/hook",
                "https://169.254.169.254/latest/meta-data",
                "https://100.64.0.1/hook",
                "https://[fd00:ec2::254]/hook",
                "https://[fe80::1]/hook",
                "https://0.0.0.0/hook")) {
            ApiResponse refused = api.post("/api/v1/webhooks")
                    .token(admin)
                    .json(Map.of("url", url, "event_types", List.of("*")))
                    .send();
            assertThat(refused.status()).as(url).isEqualTo(400);
            assertThat(refused.body()).as(url).contains("\"url\"").contains("public address");
        }
        ApiResponse http = api.post("/api/v1/webhooks")
                .token(admin)
                .json(Map.of("url", "http://payroll.example.com/hook", "event_types", List.of("*")))
                .send();
        assertThat(http.status()).isEqualTo(400);
        assertThat(http.body()).contains("must be an https URL");
    }

    @Test
    void anEndpointThatNowResolvesToAPrivateAddressIsNotSentTo() {
        long organization = newOrganization("Rebound " + unique());
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            // As if its host had resolved to a public address when it was written, and rebinds now.
            long endpoint = jdbc.sql("""
                            insert into webhook_endpoints (organization_id, url, event_types, secret)
                            values (:o, :url, '{staff.*}', '\\x00') returning id""")
                    .param("o", organization)
                    .param("url", receiver.url("/rebound"))
                    .query(Long.class)
                    .single();

            createStaff(Map.of(
                    "first_name",
                    "Re",
                    "last_name",
                    "Bound",
                    "email",
                    uniqueEmail("rebound"),
                    "organization",
                    organization));

            String error = await().atMost(Duration.ofSeconds(15))
                    .until(
                            () -> jdbc.sql("select error from webhook_deliveries where endpoint_id = :id")
                                    .param("id", endpoint)
                                    .query(String.class)
                                    .optional()
                                    .orElse(null),
                            found -> found != null);
            assertThat(error).contains("refused").contains("127.0.0.1");
            assertThat(receiver.received()).isEmpty();
        }
    }
}
