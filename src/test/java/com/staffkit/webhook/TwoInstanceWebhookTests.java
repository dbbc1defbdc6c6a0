package com.staffkit.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.staffkit.support.Api;
import com.staffkit.support.SecondInstance;
import com.staffkit.support.WebhookReceiver.Received;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two instances on one PostgreSQL deliver every event exactly once between them when nothing fails,
 * at idle within a second of the commit; what is queued lives in the database, so it outlasts the
 * instances' dispatchers, and an attempt cut off by a dying instance is made again by another.
 */
class TwoInstanceWebhookTests extends WebhookTest {

    private static ConfigurableApplicationContext instanceB;

    @Autowired
    WebhookDispatcher dispatcherA;

    @Autowired
    WebhookQueue queue;

    @BeforeAll
    static void startInstanceB() {
        instanceB = SecondInstance.start(Map.of(
                "staffkit.webhooks.allow-http", "true",
                "staffkit.webhooks.allow-private-networks", "true",
                "staffkit.webhooks.retry-delays", "200ms,400ms,2s",
                "staffkit.webhooks.poll-interval", "200ms",
                "staffkit.webhooks.timeout", "2s"));
    }

    @AfterAll
    static void stopInstanceB() {
        if (instanceB != null) {
            instanceB.close();
        }
    }

    private Api instanceB() {
        return SecondInstance.api(instanceB, json);
    }

    @Test
    void eventsMadeThroughBothInstancesArriveOnceEachWithinASecondAtIdle() {
        createWebhook("/both", "staff.created");
        Api b = instanceB();
        int events = 40;
        for (int i = 0; i < events; i++) {
            Api through = i % 2 == 0 ? api : b;
            through.post("/api/v1/staffs")
                    .token(admin.token())
                    .json(Map.of("first_name", "Twice", "last_name", "Sent", "email", uniqueEmail("twice-" + i)))
                    .send()
                    .json(201);
            int expected = i + 1;
            // At idle: each event is sent before the next change is made.
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> receiver.receivedAt("/both").size() >= expected);
        }

        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(10))
                .until(() -> receiver.receivedAt("/both").size() == events);
        List<Received> received = receiver.receivedAt("/both");
        Map<String, Long> perId = received.stream()
                .collect(Collectors.groupingBy(request -> request.header("webhook-id"), Collectors.counting()));
        assertThat(perId)
                .hasSize(events)
                .allSatisfy((id, count) -> assertThat(count).as(id).isEqualTo(1));

        List<Long> latencies = received.stream()
                .map(request -> Duration.between(
                                Instant.parse(parse(request).get("timestamp").asString()), request.at())
                        .toMillis())
                .sorted()
                .toList();
        long p50 = latencies.get(latencies.size() / 2);
        long max = latencies.getLast();
        System.out.printf(
                "Webhook latency from the change to the first attempt over %d events: p50 %d ms, max %d ms%n",
                events, p50, max);
        assertThat(p50).isLessThan(1000);
    }

    @Test
    void whatIsQueuedOutlastsTheDispatchersAndACutOffAttemptIsMadeAgain() {
        createWebhook("/later", "staff.created");
        WebhookDispatcher dispatcherB = instanceB.getBean(WebhookDispatcher.class);
        dispatcherA.stop();
        dispatcherB.stop();
        try {
            for (int i = 0; i < 5; i++) {
                createStaffMember(uniqueEmail("queued-" + i));
            }
            // As if an instance had claimed two of them and died mid-attempt: held for a second only.
            List<WebhookQueue.Claimed> cutOff = queue.claim(Duration.ofSeconds(1), 2, 4, Map.of());
            assertThat(cutOff).hasSize(2);
            assertThat(receiver.received()).isEmpty();
        } finally {
            dispatcherA.start();
            dispatcherB.start();
        }

        List<Received> received = await().atMost(Duration.ofSeconds(15))
                .until(() -> receiver.receivedAt("/later"), found -> found.size() >= 5);
        assertThat(received.stream()
                        .map(request -> request.header("webhook-id"))
                        .distinct())
                .hasSize(5);
        assertThat(received.stream()
                        .collect(Collectors.groupingBy(request -> request.header("webhook-id"), Collectors.counting()))
                        .values())
                .allMatch(count -> count == 1);
        assertThat(received).hasSize(5);
    }
}
