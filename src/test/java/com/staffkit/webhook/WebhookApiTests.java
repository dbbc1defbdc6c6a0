package com.staffkit.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.staffkit.support.ApiResponse;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Managing webhook endpoints over HTTP: the contract, its errors, who may, and the events it records. */
class WebhookApiTests extends WebhookTest {

    private ApiResponse create(Map<String, Object> body) {
        return api.post("/api/v1/webhooks").token(admin.token()).json(body).send();
    }

    private List<Map<String, Object>> events(long webhook) {
        return jdbc.sql("select type, actor_type, actor_id, changes::text as changes from audit_events"
                        + " where target_type = 'webhook' and target_id = :id order by id")
                .param("id", webhook)
                .query()
                .listOfRows();
    }

    @Test
    void createAnswersTheEndpointWithItsSecretOnce() {
        ApiResponse created = create(Map.of(
                "url", receiver.url("/hooks"),
                "event_types", List.of("staff.*", "team.member_added"),
                "description", "Payroll sync"));

        JsonNode body = created.json(201);
        long id = body.get("id").asLong();
        assertThat(created.header("Location")).endsWith("/api/v1/webhooks/" + id);
        assertThat(created.header("Cache-Control")).contains("no-store");
        assertThat(body.get("organization").asLong()).isEqualTo(organization);
        assertThat(body.get("url").asString()).isEqualTo(receiver.url("/hooks"));
        assertThat(body.get("event_types").valueStream().map(JsonNode::asString))
                .containsExactly("staff.*", "team.member_added");
        assertThat(body.get("description").asString()).isEqualTo("Payroll sync");
        assertThat(body.get("is_active").asBoolean()).isTrue();
        assertThat(body.get("disabled_reason").isNull()).isTrue();
        String secret = body.get("secret").asString();
        assertThat(secret).startsWith("whsec_");
        byte[] bytes = Base64.getDecoder().decode(secret.substring("whsec_".length()));
        assertThat(bytes).hasSize(32);
        assertThat(jdbc.sql("select secret from webhook_endpoints where id = :id")
                        .param("id", id)
                        .query(byte[].class)
                        .single())
                .isEqualTo(bytes);

        JsonNode read =
                api.get("/api/v1/webhooks/" + id).token(admin.token()).send().json(200);
        assertThat(read.has("secret")).isFalse();
        JsonNode listed =
                api.get("/api/v1/webhooks/").token(admin.token()).send().json(200);
        assertThat(listed.toString()).doesNotContain(secret.substring(6)).contains("\"id\":" + id);

        List<Map<String, Object>> events = events(id);
        assertThat(events).hasSize(1);
        assertThat(events.getFirst().get("type")).isEqualTo("webhook.created");
        assertThat(events.getFirst().get("actor_id")).isEqualTo(admin.id());
        assertThat((String) events.getFirst().get("changes"))
                .contains("Payroll sync")
                .doesNotContain(secret.substring(6));
    }

    @Test
    void isActiveAndDescriptionHaveDefaults() {
        JsonNode body = create(Map.of("url", receiver.url("/d"), "event_types", List.of("*")))
                .json(201);
        assertThat(body.get("is_active").asBoolean()).isTrue();
        assertThat(body.get("description").asString()).isEmpty();
    }

    @Test
    void badInputIsRefusedFieldByField() {
        ApiResponse missing = create(Map.of());
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.contentType()).startsWith("application/problem+json");
        assertThat(missing.body()).contains("\"url\"").contains("\"event_types\"");

        assertThat(create(Map.of("url", "ftp://example.com/x", "event_types", List.of("*")))
                        .body())
                .contains("\"url\"");
        assertThat(create(Map.of("url", "not a url", "event_types", List.of("*")))
                        .status())
                .isEqualTo(400);
        assertThat(create(Map.of("url", "https://user:pw@example.com/x", "event_types", List.of("*")))
                        .body())
                .contains("user info");
        assertThat(create(Map.of("url", receiver.url("/x"), "event_types", List.of()))
                        .body())
                .contains("\"event_types\"");
        assertThat(create(Map.of("url", receiver.url("/x"), "event_types", List.of("Staff.Created")))
                        .status())
                .isEqualTo(400);
        ApiResponse unknownFamily = create(Map.of("url", receiver.url("/x"), "event_types", List.of("payroll.*")));
        assertThat(unknownFamily.status()).isEqualTo(400);
        assertThat(unknownFamily.body()).contains("event_types").contains("payroll.*");
        assertThat(create(Map.of("url", receiver.url("/x"), "event_types", List.of("*"), "is_active", "yes"))
                        .status())
                .isEqualTo(400);
        assertThat(jdbc.sql("select count(*) from webhook_endpoints where organization_id = :o")
                        .param("o", organization)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void patchChangesSomeFieldsAndRecordsWhatChanged() {
        Endpoint endpoint = createWebhook("/p", "staff.*");

        ApiResponse patched = api.patch("/api/v1/webhooks/" + endpoint.id())
                .token(admin.token())
                .json(Map.of("event_types", List.of("team.*"), "description", "Teams only"))
                .send();

        JsonNode body = patched.json(200);
        assertThat(body.get("event_types").get(0).asString()).isEqualTo("team.*");
        assertThat(body.get("description").asString()).isEqualTo("Teams only");
        assertThat(body.get("url").asString()).isEqualTo(receiver.url("/p"));
        assertThat(body.has("secret")).isFalse();
        Map<String, Object> updated = events(endpoint.id()).getLast();
        assertThat(updated.get("type")).isEqualTo("webhook.updated");
        assertThat((String) updated.get("changes"))
                .contains("\"field\": \"event_types\"")
                .contains("\"field\": \"description\"")
                .doesNotContain("\"field\": \"url\"");

        ApiResponse off = api.patch("/api/v1/webhooks/" + endpoint.id() + "/")
                .token(admin.token())
                .json(Map.of("is_active", false))
                .send();
        assertThat(off.json(200).get("is_active").asBoolean()).isFalse();
        ApiResponse refused = api.patch("/api/v1/webhooks/" + endpoint.id())
                .token(admin.token())
                .json(Map.of("url", "gopher://example.com"))
                .send();
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("\"url\"");
    }

    @Test
    void putReplacesTheEndpoint() {
        Endpoint endpoint = createWebhook("/put", "staff.*");

        JsonNode body = api.put("/api/v1/webhooks/" + endpoint.id())
                .token(admin.token())
                .json(Map.of("url", receiver.url("/put2"), "event_types", List.of("role.created")))
                .send()
                .json(200);

        assertThat(body.get("url").asString()).isEqualTo(receiver.url("/put2"));
        assertThat(body.get("description").asString()).isEmpty();
        assertThat(body.get("is_active").asBoolean()).isTrue();
    }

    @Test
    void deleteRemovesItAndRecordsIt() {
        Endpoint endpoint = createWebhook("/gone", "staff.*");

        assertThat(api.delete("/api/v1/webhooks/" + endpoint.id())
                        .token(admin.token())
                        .send()
                        .status())
                .isEqualTo(204);

        assertThat(api.get("/api/v1/webhooks/" + endpoint.id())
                        .token(admin.token())
                        .send()
                        .status())
                .isEqualTo(404);
        assertThat(api.delete("/api/v1/webhooks/" + endpoint.id())
                        .token(admin.token())
                        .send()
                        .status())
                .isEqualTo(404);
        assertThat(events(endpoint.id()))
                .extracting(event -> event.get("type"))
                .containsExactly("webhook.created", "webhook.deleted");
    }

    @Test
    void anotherOrganizationsEndpointIsNotFound() {
        Endpoint endpoint = createWebhook("/mine", "staff.*");
        long other = newOrganization("Other " + unique());
        String outsider = member(other, "admin").token();
        String path = "/api/v1/webhooks/" + endpoint.id();

        assertThat(api.get(path).token(outsider).send().status()).isEqualTo(404);
        assertThat(api.patch(path)
                        .token(outsider)
                        .json(Map.of("description", "x"))
                        .send()
                        .status())
                .isEqualTo(404);
        assertThat(api.put(path)
                        .token(outsider)
                        .json(Map.of("url", receiver.url("/x"), "event_types", List.of("*")))
                        .send()
                        .status())
                .isEqualTo(404);
        assertThat(api.delete(path).token(outsider).send().status()).isEqualTo(404);
        assertThat(api.post(path + "/rotate-secret").token(outsider).send().status())
                .isEqualTo(404);
        assertThat(api.post(path + "/test").token(outsider).send().status()).isEqualTo(404);
        assertThat(api.get(path + "/deliveries").token(outsider).send().status())
                .isEqualTo(404);
        assertThat(api.get("/api/v1/webhooks").token(outsider).send().json(200).toString())
                .doesNotContain(receiver.url("/mine"));
        assertThat(api.get(path).token(admin.token()).send().status()).isEqualTo(200);
    }

    @Test
    void ownersAndAdminsManageWebhooksAndOthersAreForbidden() {
        Map<String, Object> body = Map.of("url", receiver.url("/perm"), "event_types", List.of("*"));
        assertThat(api.post("/api/v1/webhooks")
                        .token(member(organization, "owner").token())
                        .json(body)
                        .send()
                        .status())
                .isEqualTo(201);
        for (String role : List.of("manager", "member")) {
            ApiResponse refused = api.post("/api/v1/webhooks")
                    .token(member(organization, role).token())
                    .json(body)
                    .send();
            assertThat(refused.status()).as(role).isEqualTo(403);
        }
        assertThat(api.get("/api/v1/webhooks").send().status()).isEqualTo(401);
    }

    @Test
    void aTurnedOffEndpointCannotBeTested() {
        Endpoint endpoint = createWebhook("/off", "staff.*");
        api.patch("/api/v1/webhooks/" + endpoint.id())
                .token(admin.token())
                .json(Map.of("is_active", false))
                .send()
                .json(200);

        ApiResponse tested = api.post("/api/v1/webhooks/" + endpoint.id() + "/test")
                .token(admin.token())
                .send();

        assertThat(tested.status()).isEqualTo(409);
        assertThat(tested.contentType()).startsWith("application/problem+json");
    }

    @Test
    void deliveriesArePagedWithACursor() {
        Endpoint endpoint = createWebhook("/paged", "staff.created");
        for (int i = 0; i < 3; i++) {
            createStaffMember(uniqueEmail("paged-" + i));
        }
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(15))
                .until(() -> deliveries(endpoint.id()).size() == 3);

        JsonNode first = api.get("/api/v1/webhooks/" + endpoint.id() + "/deliveries?page_size=2")
                .token(admin.token())
                .send()
                .json(200);
        assertThat(first.get("results")).hasSize(2);
        JsonNode second = api.get(first.get("next").asString().replaceFirst("^https?://[^/]+", ""))
                .token(admin.token())
                .send()
                .json(200);
        assertThat(second.get("results")).hasSize(1);
        assertThat(second.get("next").isNull()).isTrue();
        assertThat(first.get("results").get(1).get("id").asLong())
                .isGreaterThan(second.get("results").get(0).get("id").asLong());
        assertThat(api.get("/api/v1/webhooks/" + endpoint.id() + "/deliveries?page_size=201")
                        .token(admin.token())
                        .send()
                        .status())
                .isEqualTo(400);
    }
}
