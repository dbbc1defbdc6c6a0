package com.staffkit.common.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.staffkit.support.Api;
import com.staffkit.support.ApiResponse;
import com.staffkit.support.IntegrationTest;
import com.staffkit.support.SecondInstance;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import tools.jackson.databind.JsonNode;

/**
 * Two instances of the service on one PostgreSQL, both caching callers: a change made through one
 * holds there on the very next request and on the other within 100 ms (p99), measured over 1,000
 * changes. Instance A is this test's context, instance B a second application on a port of its own.
 * A change's time on B runs from A's response to B's first response that reflects it, and so also
 * holds A's own check in between; the maximum is asserted more loosely, for two busy cores.
 */
class TwoInstanceRevocationTests extends IntegrationTest {

    private static final int CHANGES = 1_000;
    private static final Duration BOUND = Duration.ofMillis(100);
    /** What no change may take even on two busy cores; the bound above is on the p99. */
    private static final Duration WORST = Duration.ofSeconds(1);

    private static final String PROBE = "/api/teams/responsibilities";
    private static final List<String> WIDE = List.of("staff:read", "teams:read");
    private static final List<String> NARROW = List.of("staff:read");

    private static ConfigurableApplicationContext instanceB;

    @BeforeAll
    static void startInstanceB() {
        instanceB = SecondInstance.start(Map.of("staffkit.auth.caller-cache-ttl", "1h"));
        MeterRegistry metricsOfB = instanceB.getBean(MeterRegistry.class);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> metricsOfB.get("staffkit.cache.trusted").gauge().value() == 1);
    }

    @AfterAll
    static void stopInstanceB() {
        if (instanceB != null) {
            instanceB.close();
        }
    }

    @Test
    void aChangeThroughOneInstanceHoldsThereAtOnceAndOnTheOtherWithinTheBound() {
        Api b = instanceB();
        MeterRegistry metricsOfB = instanceB.getBean(MeterRegistry.class);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> metricsOfB.get("staffkit.cache.trusted").gauge().value() == 1);

        long organization = newOrganization("Two instances");
        Member owner = member(organization, "owner");
        String role = "prober" + unique();
        long roleId = api.post("/api/v1/roles")
                .token(owner.token())
                .json(Map.of("name", role, "permissions", WIDE))
                .send()
                .json(201)
                .get("id")
                .asLong();
        Member prober = member(organization, role);

        long[] latencies = new long[CHANGES];
        long[] deliveries = new long[CHANGES];
        int firstPoll = 0;
        AtomicLong heard = new AtomicLong();
        instanceB.addApplicationListener((ApplicationEvent event) -> {
            if (event instanceof PayloadApplicationEvent<?> payload
                    && payload.getPayload() instanceof CommittedChange) {
                heard.compareAndSet(0, System.nanoTime());
            }
        });
        boolean wide = true;
        for (int change = 0; change < CHANGES; change++) {
            int before = wide ? 200 : 403;
            assertThat(probe(b, prober)).isEqualTo(before);
            double hits = hitsOf(metricsOfB);
            assertThat(probe(b, prober)).isEqualTo(before);
            assertThat(hitsOf(metricsOfB))
                    .as("B serves the caller from its cache")
                    .isGreaterThan(hits);

            wide = !wide;
            int after = wide ? 200 : 403;
            heard.set(0);
            assertThat(api.put("/api/v1/roles/" + roleId)
                            .token(owner.token())
                            .json(Map.of("name", role, "permissions", wide ? WIDE : NARROW))
                            .send()
                            .status())
                    .isEqualTo(200);
            long changed = System.nanoTime();
            assertThat(probe(api, prober)).as("A, on its very next request").isEqualTo(after);

            int seen;
            int polls = 0;
            do {
                seen = probe(b, prober);
                polls++;
            } while (seen != after && System.nanoTime() - changed < WORST.toNanos() * 10);
            latencies[change] = System.nanoTime() - changed;
            assertThat(seen).as("B after change %d", change).isEqualTo(after);
            // Under load B may answer from the database before the notification lands (its cache
            // stops trusting itself while the listener catches up): the notification must still come.
            int current = change;
            await().pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(1))
                    .atMost(WORST)
                    .untilAsserted(() -> assertThat(heard.get())
                            .as("B heard of change %d", current)
                            .isNotZero());
            deliveries[change] = heard.get() - changed;
            firstPoll += polls == 1 ? 1 : 0;
        }

        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        Duration p50 = Duration.ofNanos(sorted[CHANGES / 2]);
        Duration p99 = Duration.ofNanos(sorted[(int) Math.ceil(CHANGES * 0.99) - 1]);
        Duration max = Duration.ofNanos(sorted[CHANGES - 1]);
        System.out.printf(
                "Two instances, %d changes (half narrowing, half widening): B reflects a change made through A"
                        + " after p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                CHANGES, millis(p50), millis(p99), millis(max));
        List<String> slowest = new ArrayList<>();
        for (int i = CHANGES - 5; i < CHANGES; i++) {
            slowest.add(String.format("%.1f", millis(Duration.ofNanos(sorted[i]))));
        }
        System.out.println("Slowest five (ms): " + slowest + "; B's first request after A's check already"
                + " reflected " + firstPoll + " of " + CHANGES + " changes");
        Arrays.sort(deliveries);
        System.out.printf(
                "The notification reached B's caches, counted from A's response (negative: before it):"
                        + " p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                deliveries[CHANGES / 2] / 1e6,
                deliveries[(int) Math.ceil(CHANGES * 0.99) - 1] / 1e6,
                deliveries[CHANGES - 1] / 1e6);

        assertThat(p99).as("p99").isLessThanOrEqualTo(BOUND);
        assertThat(max).as("max").isLessThanOrEqualTo(WORST);
    }

    @Test
    void everyKindOfNarrowingChangeHoldsOnTheOtherInstance() {
        Api b = instanceB();
        MeterRegistry metricsOfB = instanceB.getBean(MeterRegistry.class);
        long organization = newOrganization("Two instances, every kind");
        Member admin = member(organization, "admin");
        List<String> timings = new ArrayList<>();

        Member deactivated = member(organization, "member");
        timings.add(narrows(
                "deactivation",
                b,
                metricsOfB,
                instance -> me(instance, deactivated.token()),
                401,
                () -> api.delete("/api/v1/staffs/" + deactivated.id())
                        .token(admin.token())
                        .send()));

        Member demoted = member(organization, "member");
        timings.add(narrows(
                "role change",
                b,
                metricsOfB,
                instance -> me(instance, demoted.token()),
                401,
                () -> api.patch("/api/v1/staffs/" + demoted.id() + "/")
                        .token(admin.token())
                        .json(Map.of("roles", List.of("worker")))
                        .send()));

        Member renewed = member(organization, "member");
        String otherSession = login(renewed.email(), PASSWORD);
        timings.add(narrows(
                "password change",
                b,
                metricsOfB,
                instance -> me(instance, otherSession),
                401,
                () -> api.post("/api/v1/me/password")
                        .token(renewed.token())
                        .json(Map.of("current_password", PASSWORD, "new_password", "another-horse-battery"))
                        .send()));

        Member leaving = member(organization, "member");
        JsonNode session = api.post("/api/v1/auth/login")
                .json(Map.of("username", leaving.email(), "password", PASSWORD))
                .send()
                .json(200);
        String access = session.get("access_token").asString();
        timings.add(narrows(
                "logout",
                b,
                metricsOfB,
                instance -> me(instance, access),
                401,
                () -> api.post("/api/v1/auth/logout")
                        .json(Map.of(
                                "refresh_token", session.get("refresh_token").asString()))
                        .send()));

        JsonNode minted = api.post("/api/v1/api-keys")
                .token(admin.token())
                .json(Map.of("name", "POS " + unique(), "roles", List.of("member")))
                .send()
                .json(201);
        String key = minted.get("key").asString();
        timings.add(narrows(
                "revoked key",
                b,
                metricsOfB,
                instance -> instance.get("/api/v1/staffs/?page_size=1")
                        .header("X-Api-Key", key)
                        .send()
                        .status(),
                401,
                () -> api.delete("/api/v1/api-keys/" + minted.get("id").asLong())
                        .token(admin.token())
                        .send()));

        long doomed = newOrganization("Two instances, deactivated");
        Member inDoomed = member(doomed, "member");
        timings.add(narrows(
                "deactivated organization",
                b,
                metricsOfB,
                instance -> me(instance, inDoomed.token()),
                401,
                () -> api.delete("/api/v1/organizations/" + doomed)
                        .token(superadminToken())
                        .send()));

        System.out.println("Each kind of change, A's response to B's first response reflecting it: " + timings);
    }

    /**
     * Warms B's cache with the credential, makes the change through A, and returns how long B took
     * to reflect it; A must reflect it on its very next request.
     */
    private String narrows(
            String what,
            Api b,
            MeterRegistry metricsOfB,
            ToIntFunction<Api> probe,
            int expected,
            Supplier<ApiResponse> change) {
        await(what + ": cached on B").atMost(Duration.ofSeconds(2)).until(() -> {
            double hits = hitsOf(metricsOfB);
            assertThat(probe.applyAsInt(b)).isNotEqualTo(expected);
            return hitsOf(metricsOfB) > hits;
        });
        ApiResponse response = change.get();
        assertThat(response.status()).as(what + ": " + response.body()).isBetween(200, 299);
        long changed = System.nanoTime();
        assertThat(probe.applyAsInt(api)).as(what + " on A").isEqualTo(expected);
        await(what + " on B")
                .atMost(WORST)
                .pollInterval(Duration.ofMillis(1))
                .until(() -> probe.applyAsInt(b) == expected);
        return String.format("%s %.1f ms", what, (System.nanoTime() - changed) / 1e6);
    }

    private static int me(Api instance, String token) {
        return instance.get("/api/v1/me").token(token).send().status();
    }

    private Api instanceB() {
        return SecondInstance.api(instanceB, json);
    }

    private static int probe(Api instance, Member member) {
        return instance.get(PROBE).token(member.token()).send().status();
    }

    private static double hitsOf(MeterRegistry registry) {
        return registry.get("cache.gets")
                .tag("cache", "callers")
                .tag("result", "hit")
                .functionCounter()
                .count();
    }

    private static double millis(Duration duration) {
        return duration.toNanos() / 1_000_000.0;
    }
}
