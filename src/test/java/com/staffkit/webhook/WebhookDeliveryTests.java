package com.staffkit.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.staffkit.support.ApiResponse;
import com.staffkit.support.WebhookReceiver.Received;
import com.staffkit.support.WebhookReceiver.Reply;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Events reach a real receiver, signed, once per event and endpoint, retried as the receiver answers. */
class WebhookDeliveryTests extends WebhookTest {

    @org.springframework.beans.factory.annotation.Autowired
    WebhookLogRetention retention;

    @org.springframework.beans.factory.annotation.Autowired
    WebhookDispatcher dispatcher;

    private static final Duration WAIT = Duration.ofSeconds(15);

    private List<Received> awaitReceived(String path, int count) {
        return await().atMost(WAIT).until(() -> receiver.receivedAt(path), received -> received.size() >= count);
    }

    @Test
    void aStaffMemberCreatedArrivesSignedWithTheAuditEventAndTheStaffMember() throws Exception {
        Endpoint endpoint = createWebhook("/staff", "staff.*");
        String email = uniqueEmail("hooked");

        long staffId = createStaffMember(email).get("id").asLong();

        Received request = awaitReceived("/staff", 1).getFirst();
        verify(request, endpoint.secret());
        assertThat(request.header("content-type")).startsWith("application/json");
        UUID eventId = UUID.fromString(request.header("webhook-id"));
        assertThat(Long.parseLong(request.header("webhook-timestamp")))
                .isBetween(System.currentTimeMillis() / 1000 - 30, System.currentTimeMillis() / 1000 + 1);
        assertThat(request.header("webhook-signature")).startsWith("v1,");
        JsonNode body = parse(request);
        assertThat(body.get("type").asString()).isEqualTo("staff.created");
        assertThat(body.get("timestamp").asString()).isNotBlank();
        JsonNode data = body.get("data");
        assertThat(data.get("id").asString()).isEqualTo(eventId.toString());
        assertThat(data.get("type").asString()).isEqualTo("staff.created");
        assertThat(data.get("organization").asLong()).isEqualTo(organization);
        assertThat(data.get("actor").get("id").asLong()).isEqualTo(admin.id());
        assertThat(data.get("target").get("id").asLong()).isEqualTo(staffId);
        assertThat(data.get("staff").get("id").asLong()).isEqualTo(staffId);
        assertThat(data.get("staff").get("email").asString()).isEqualTo(email);
        // The webhook-id is the audit event's id.
        assertThat(jdbc.sql("select type from audit_events where id = :id")
                        .param("id", eventId)
                        .query(String.class)
                        .single())
                .isEqualTo("staff.created");
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode delivery = deliveries(endpoint.id()).get(0);
            assertThat(delivery.get("event_id").asString()).isEqualTo(eventId.toString());
            assertThat(delivery.get("event_type").asString()).isEqualTo("staff.created");
            assertThat(delivery.get("attempt").asInt()).isEqualTo(1);
            assertThat(delivery.get("response_status").asInt()).isEqualTo(204);
            assertThat(delivery.get("duration_ms").asLong()).isNotNegative();
            assertThat(delivery.get("attempted_at").asString()).isNotBlank();
            assertThat(delivery.get("error").isNull()).isTrue();
        });
    }

    @Test
    void onlySubscribedTypesOfTheEndpointsOwnOrganizationAreSent() {
        createWebhook("/teams", "team.member_added");
        createWebhook("/all", "*");
        long other = newOrganization("Other hooks " + unique());
        Member otherAdmin = member(other, "admin");

        createStaffMember(uniqueEmail("not-for-teams"));
        api.post("/api/v1/staffs")
                .token(otherAdmin.token())
                .json(Map.of("first_name", "Else", "last_name", "Where", "email", uniqueEmail("elsewhere")))
                .send()
                .json(201);

        awaitReceived("/all", 1);
        // Nothing of the other organization, and nothing at all for the team-only endpoint, arrives later.
        await().during(Duration.ofMillis(800))
                .atMost(WAIT)
                .until(() -> receiver.receivedAt("/teams").isEmpty()
                        && receiver.receivedAt("/all").stream()
                                .allMatch(request -> parse(request)
                                                .get("data")
                                                .get("organization")
                                                .asLong()
                                        == organization));
        assertThat(receiver.receivedAt("/all"))
                .extracting(request -> parse(request).get("type").asString())
                .contains("staff.created");
        assertThat(receiver.receivedAt("/teams")).isEmpty();
    }

    @Test
    void aFailingReceiverIsRetriedWithBackoffAndTheSameIdAndBody() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        receiver.answer(
                request -> calls.incrementAndGet() <= 2 ? Reply.status(500).body("down") : Reply.status(200));
        Endpoint endpoint = createWebhook("/flaky", "staff.created");

        createStaffMember(uniqueEmail("retried"));

        List<Received> attempts = awaitReceived("/flaky", 3);
        assertThat(attempts)
                .extracting(request -> request.header("webhook-id"))
                .containsOnly(attempts.getFirst().header("webhook-id"));
        assertThat(attempts)
                .extracting(Received::body)
                .containsOnly(attempts.getFirst().body());
        for (Received attempt : attempts) {
            verify(attempt, endpoint.secret());
        }
        // The test schedule waits 200 ms, then 400 ms, each with ±20% jitter.
        assertThat(Duration.between(attempts.get(0).at(), attempts.get(1).at()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(150));
        assertThat(Duration.between(attempts.get(1).at(), attempts.get(2).at()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(300));
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode deliveries = deliveries(endpoint.id());
            assertThat(deliveries).hasSize(3);
            assertThat(deliveries.get(0).get("attempt").asInt()).isEqualTo(3);
            assertThat(deliveries.get(0).get("response_status").asInt()).isEqualTo(200);
            assertThat(deliveries.get(2).get("attempt").asInt()).isEqualTo(1);
            assertThat(deliveries.get(2).get("response_status").asInt()).isEqualTo(500);
            assertThat(deliveries.get(2).get("response_body").asString()).isEqualTo("down");
        });
        await().during(Duration.ofMillis(800))
                .atMost(WAIT)
                .until(() -> receiver.receivedAt("/flaky").size() == 3);
    }

    @Test
    void anEventIsGivenUpWhenTheScheduleIsUsedUp() {
        receiver.answer(request -> Reply.status(500));
        Endpoint endpoint = createWebhook("/down", "staff.created");

        createStaffMember(uniqueEmail("given-up"));

        // One attempt and one after each of the three test delays (200 ms, 400 ms, 2 s).
        awaitReceived("/down", 4);
        await().during(Duration.ofMillis(2500))
                .atMost(WAIT)
                .until(() -> receiver.receivedAt("/down").size() == 4);
        assertThat(jdbc.sql(
                                "select count(*) from webhook_messages where endpoint_id = :id and next_attempt_at is not null")
                        .param("id", endpoint.id())
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(get(endpoint.id()).get("is_active").asBoolean()).isTrue();
    }

    @Test
    void retryAfterOn429IsHonoured() {
        AtomicInteger calls = new AtomicInteger();
        receiver.answer(request ->
                calls.incrementAndGet() == 1 ? Reply.status(429).header("Retry-After", "1") : Reply.status(200));
        createWebhook("/busy", "staff.created");

        createStaffMember(uniqueEmail("busy"));

        List<Received> attempts = awaitReceived("/busy", 2);
        // Not the schedule's 200 ms: the second the receiver asked for.
        assertThat(Duration.between(attempts.get(0).at(), attempts.get(1).at()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(900));
    }

    @Test
    void a410DisablesTheEndpointAtOnceAndThatIsAnEvent() {
        receiver.answer(request -> Reply.status(410));
        Endpoint endpoint = createWebhook("/gone", "staff.*");

        createStaffMember(uniqueEmail("gone-1"));
        awaitReceived("/gone", 1);

        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode webhook = get(endpoint.id());
            assertThat(webhook.get("is_active").asBoolean()).isFalse();
            assertThat(webhook.get("disabled_reason").asString()).contains("410");
        });
        Map<String, Object> disabled = jdbc.sql(
                        "select * from audit_events where type = 'webhook.disabled' and target_id = :id")
                .param("id", endpoint.id())
                .query()
                .singleRow();
        assertThat(disabled.get("actor_type")).isEqualTo("system");
        assertThat(disabled.get("organization_id")).isEqualTo(organization);
        createStaffMember(uniqueEmail("gone-2"));
        await().during(Duration.ofMillis(800))
                .atMost(WAIT)
                .until(() -> receiver.receivedAt("/gone").size() == 1);
    }

    @Test
    void anEndpointFailingForThreeDaysWithoutASuccessIsDisabled() {
        receiver.answer(request -> Reply.status(503));
        Endpoint endpoint = createWebhook("/failing", "staff.created");
        jdbc.sql("update webhook_endpoints set failing_since = now() - interval '3 days 1 minute' where id = :id")
                .param("id", endpoint.id())
                .update();

        createStaffMember(uniqueEmail("failing"));

        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode webhook = get(endpoint.id());
            assertThat(webhook.get("is_active").asBoolean()).isFalse();
            assertThat(webhook.get("disabled_reason").asString()).startsWith("no successful delivery since");
        });
        assertThat(jdbc.sql("select count(*) from audit_events where type = 'webhook.disabled' and target_id = :id")
                        .param("id", endpoint.id())
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void aSuccessClearsTheFailureClock() {
        Endpoint endpoint = createWebhook("/recovered", "staff.created");
        jdbc.sql("update webhook_endpoints set failing_since = now() - interval '2 days' where id = :id")
                .param("id", endpoint.id())
                .update();

        createStaffMember(uniqueEmail("recovered"));

        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(jdbc.sql(
                                        "select failing_since is null and last_success_at is not null from webhook_endpoints where id = :id")
                                .param("id", endpoint.id())
                                .query(Boolean.class)
                                .single())
                        .isTrue());
    }

    @Test
    void afterARotationBothSecretsSignForADay() throws Exception {
        Endpoint endpoint = createWebhook("/rotated", "staff.created");
        ApiResponse rotated = api.post("/api/v1/webhooks/" + endpoint.id() + "/rotate-secret")
                .token(admin.token())
                .send();
        String newSecret = rotated.json(200).get("secret").asString();
        assertThat(newSecret).startsWith("whsec_").isNotEqualTo(endpoint.secret());
        assertThat(rotated.header("Cache-Control")).contains("no-store");

        createStaffMember(uniqueEmail("rotated"));

        Received request = awaitReceived("/rotated", 1).getFirst();
        String[] signatures = request.header("webhook-signature").split(" ");
        assertThat(signatures).hasSize(2).allMatch(signature -> signature.startsWith("v1,"));
        verify(request, newSecret);
        verify(request, endpoint.secret());
        assertThat(verifies(request, "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32])))
                .isFalse();

        jdbc.sql("update webhook_endpoints set previous_secret_expires_at = now() - interval '1 second' where id = :id")
                .param("id", endpoint.id())
                .update();
        createStaffMember(uniqueEmail("rotated-later"));
        Received later = awaitReceived("/rotated", 2).get(1);
        assertThat(later.header("webhook-signature").split(" ")).hasSize(1);
        verify(later, newSecret);
        assertThat(verifies(later, endpoint.secret())).isFalse();
    }

    @Test
    void theTestEndpointSendsAWebhookTestEventToThatEndpointAlone() throws Exception {
        Endpoint endpoint = createWebhook("/tested", "team.created");
        createWebhook("/everything", "*");

        ApiResponse tested = api.post("/api/v1/webhooks/" + endpoint.id() + "/test")
                .token(admin.token())
                .send();

        JsonNode queued = tested.json(202);
        Received request = awaitReceived("/tested", 1).getFirst();
        verify(request, endpoint.secret());
        assertThat(request.header("webhook-id"))
                .isEqualTo(queued.get("event_id").asString());
        JsonNode body = parse(request);
        assertThat(body.get("type").asString()).isEqualTo("webhook.test");
        assertThat(body.get("data").get("target").get("id").asLong()).isEqualTo(endpoint.id());
        // The other endpoint takes every event (its own webhook.created among them), but not this test.
        await().during(Duration.ofMillis(500))
                .atMost(WAIT)
                .until(() -> receiver.receivedAt("/everything").stream()
                        .noneMatch(other -> parse(other).get("type").asString().equals("webhook.test")));
    }

    @Test
    void aDeliveryIsSentAgainOnRequestWithTheSameIdAndBody() throws Exception {
        Endpoint endpoint = createWebhook("/again", "staff.created");
        createStaffMember(uniqueEmail("again"));
        Received first = awaitReceived("/again", 1).getFirst();
        long deliveryId = await().atMost(WAIT)
                .until(() -> deliveries(endpoint.id()), found -> found.size() == 1)
                .get(0)
                .get("id")
                .asLong();

        ApiResponse retried = api.post("/api/v1/webhooks/" + endpoint.id() + "/deliveries/" + deliveryId + "/retry")
                .token(admin.token())
                .send();

        assertThat(retried.json(202).get("event_id").asString()).isEqualTo(first.header("webhook-id"));
        Received again = awaitReceived("/again", 2).get(1);
        assertThat(again.header("webhook-id")).isEqualTo(first.header("webhook-id"));
        assertThat(again.body()).isEqualTo(first.body());
        verify(again, endpoint.secret());
        assertThat(api.post("/api/v1/webhooks/" + endpoint.id() + "/deliveries/999999999/retry")
                        .token(admin.token())
                        .send()
                        .status())
                .isEqualTo(404);
    }

    @Test
    void redirectsAreNotFollowedAndAtMost4KbOfAnAnswerIsKept() {
        receiver.answer(request -> request.path().equals("/moved")
                ? Reply.status(302)
                        .header("Location", receiver.url("/elsewhere"))
                        .body("x".repeat(10_000))
                : Reply.status(200));
        Endpoint endpoint = createWebhook("/moved", "staff.created");

        createStaffMember(uniqueEmail("moved"));

        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode delivery = deliveries(endpoint.id()).get(0);
            assertThat(delivery.get("response_status").asInt()).isEqualTo(302);
            assertThat(delivery.get("response_body").asString()).hasSize(4096);
        });
        assertThat(receiver.receivedAt("/elsewhere")).isEmpty();
    }

    @Test
    void aSlowEndpointTimesOutAndNeverHoldsUpAnother() {
        receiver.answer(request ->
                request.path().equals("/slow") ? Reply.status(200).after(Duration.ofSeconds(5)) : Reply.status(200));
        Endpoint slow = createWebhook("/slow", "staff.created");
        createWebhook("/fast", "staff.created");

        for (int i = 0; i < 10; i++) {
            createStaffMember(uniqueEmail("slow-" + i));
        }

        // Ten events each: the fast endpoint has them all long before the slow one's first attempt ends.
        List<Received> fast = awaitReceived("/fast", 10);
        assertThat(Duration.between(fast.getFirst().at(), fast.getLast().at())).isLessThan(Duration.ofSeconds(2));
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(deliveries(slow.id()))
                        .anySatisfy(delivery ->
                                assertThat(delivery.get("error").asString()).startsWith("timed out after 2000 ms")));
    }

    @Test
    void theSecretAppearsInNoListDeliveryOrEvent() {
        Endpoint endpoint = createWebhook("/secretive", "staff.created");
        String rotated = api.post("/api/v1/webhooks/" + endpoint.id() + "/rotate-secret")
                .token(admin.token())
                .send()
                .json(200)
                .get("secret")
                .asString();
        createStaffMember(uniqueEmail("secretive"));
        awaitReceived("/secretive", 1);

        String listed = api.get("/api/v1/webhooks").token(admin.token()).send().body();
        String one = api.get("/api/v1/webhooks/" + endpoint.id())
                .token(admin.token())
                .send()
                .body();
        String logged = await().atMost(WAIT)
                .until(
                        () -> api.get("/api/v1/webhooks/" + endpoint.id() + "/deliveries")
                                .token(admin.token())
                                .send()
                                .body(),
                        body -> body.contains("event_id"));
        String events = jdbc.sql(
                        "select string_agg(changes::text || coalesce(target_display, ''), ' ') from audit_events"
                                + " where target_type = 'webhook' and target_id = :id")
                .param("id", endpoint.id())
                .query(String.class)
                .single();
        String received = receiver.receivedAt("/secretive").getFirst().body();
        for (String secret : List.of(endpoint.secret(), rotated)) {
            String base64 = secret.substring("whsec_".length());
            assertThat(List.of(listed, one, logged, events, received)).noneMatch(text -> text.contains(base64));
        }
        assertThat(events).contains("{\"field\": \"secret\", \"changed\": true}");
    }

    @Test
    void aStaffEventCarriesTheMemberAsThatChangeLeftThemHoweverSoonAnotherFollows() {
        createWebhook("/snapshots", "staff.updated");
        long staffId = createStaffMember(uniqueEmail("snapshot")).get("id").asLong();
        dispatcher.stop();
        try {
            for (String title : List.of("Cashier", "Shift lead")) {
                api.patch("/api/v1/staffs/" + staffId)
                        .token(admin.token())
                        .json(Map.of("job_title", title))
                        .send()
                        .json(200);
            }
        } finally {
            dispatcher.start();
        }

        List<Received> received = awaitReceived("/snapshots", 2);
        assertThat(received)
                .extracting(request ->
                        parse(request).get("data").get("staff").get("job_title").asString())
                .containsExactlyInAnyOrder("Cashier", "Shift lead");
        for (Received request : received) {
            JsonNode data = parse(request).get("data");
            assertThat(data.get("staff").get("job_title").asString())
                    .isEqualTo(data.get("changes").get(0).get("to").asString());
        }
    }

    @Test
    void anAnswerWithANulCharacterIsRecordedOnceWithoutIt() {
        receiver.answer(request -> Reply.status(200).body("ok\0done"));
        Endpoint endpoint = createWebhook("/nul", "staff.created");

        createStaffMember(uniqueEmail("nul"));

        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode deliveries = deliveries(endpoint.id());
            assertThat(deliveries).hasSize(1);
            assertThat(deliveries.get(0).get("response_body").asString()).isEqualTo("okdone");
        });
        await().during(Duration.ofMillis(800))
                .atMost(WAIT)
                .until(() -> receiver.receivedAt("/nul").size() == 1);
    }

    @Test
    void deliveredEventsLeaveTheLogAfterItsRetentionAndQueuedOnesStay() {
        Endpoint endpoint = createWebhook("/kept", "staff.created");
        createStaffMember(uniqueEmail("kept-1"));
        await().atMost(WAIT).until(() -> deliveries(endpoint.id()).size() == 1);
        jdbc.sql("update webhook_messages set created_at = now() - interval '31 days' where endpoint_id = :id")
                .param("id", endpoint.id())
                .update();
        long queued = jdbc.sql("""
                        insert into webhook_messages (endpoint_id, event_id, event_type, next_attempt_at, created_at)
                        values (:id, gen_random_uuid(), 'staff.created', now() + interval '1 day', now() - interval '40 days')
                        returning id""").param("id", endpoint.id()).query(Long.class).single();

        int purged = retention.purgeFinishedBefore(
                java.sql.Timestamp.from(java.time.Instant.now().minus(Duration.ofDays(30))));

        assertThat(purged).isEqualTo(1);
        assertThat(deliveries(endpoint.id())).isEmpty();
        assertThat(jdbc.sql("select id from webhook_messages where endpoint_id = :id")
                        .param("id", endpoint.id())
                        .query(Long.class)
                        .list())
                .containsExactly(queued);
    }

    private JsonNode get(long webhook) {
        return api.get("/api/v1/webhooks/" + webhook)
                .token(admin.token())
                .send()
                .json(200);
    }
}
