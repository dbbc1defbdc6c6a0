package com.staffkit.auth;

import static org.awaitility.Awaitility.await;

import com.staffkit.support.ApiResponse;
import com.staffkit.support.IntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The login flood of the attacker's probe, measured (docs/performance.md): the median of an
 * authenticated {@code GET /api/v1/me} idle, then while 12 threads post logins with random
 * identifiers. A manual run, not part of the build, since a shared machine skews any timing:
 * {@code ./mvnw test -Dtest=LoginFloodMeasurementTests -Dstaffkit.measure=true}. With
 * {@code -Dstaffkit.measure.forwarded=true} every flood request comes from an address of its own
 * (through the suite's trusted proxy), so the per-address limit never stops it and only the
 * password hashing pool protects the other requests.
 */
@EnabledIfSystemProperty(named = "staffkit.measure", matches = "true")
class LoginFloodMeasurementTests extends IntegrationTest {

    private static final int FLOODERS = 12;
    private static final int SAMPLES = 200;
    private static final int WARM_UP_ANSWERS = 25;

    @Test
    void authenticatedMedianIdleAndUnderALoginFlood() throws Exception {
        String token = member().token();
        boolean ownAddresses = Boolean.getBoolean("staffkit.measure.forwarded");
        for (int i = 0; i < 100; i++) {
            api.get("/api/v1/me").token(token).send();
        }
        double idle = medianMillis(token);

        AtomicBoolean flooding = new AtomicBoolean(true);
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        AtomicInteger sent = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(FLOODERS);
        for (int t = 0; t < FLOODERS; t++) {
            pool.submit(() -> {
                while (flooding.get()) {
                    int n = sent.incrementAndGet();
                    var request = api.post("/api/v1/auth/login")
                            .json(Map.of("username", "nobody-" + unique(), "password", "guess-" + n));
                    if (ownAddresses) {
                        request.header("X-Forwarded-For", "100.64." + (n / 250 % 250) + "." + (n % 250 + 1));
                    }
                    ApiResponse response = request.send();
                    statuses.computeIfAbsent(response.status(), s -> new AtomicInteger())
                            .incrementAndGet();
                }
                return null;
            });
        }
        // Sample only once the flood is in its steady state: every flooder answered a number of times.
        await().atMost(Duration.ofSeconds(60)).until(() -> answered(statuses) >= FLOODERS * WARM_UP_ANSWERS);
        long start = System.nanoTime();
        double flooded = medianMillis(token);
        double seconds = (System.nanoTime() - start) / 1e9;
        flooding.set(false);
        pool.shutdown();
        pool.awaitTermination(30, TimeUnit.SECONDS);

        System.out.printf(
                "LOGIN FLOOD: own addresses %s; GET /api/v1/me median idle %.2f ms, under the flood %.2f ms"
                        + " (%.1fx); flood statuses %s over %d requests%n",
                ownAddresses, idle, flooded, flooded / idle, statuses, sent.get());
        System.out.printf("LOGIN FLOOD: %d samples under the flood took %.1f s%n", SAMPLES, seconds);
    }

    private static int answered(Map<Integer, AtomicInteger> statuses) {
        return statuses.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    private double medianMillis(String token) {
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < SAMPLES; i++) {
            long start = System.nanoTime();
            api.get("/api/v1/me").token(token).send().json(200);
            times.add((System.nanoTime() - start) / 1e6);
        }
        times.sort(Double::compare);
        return (times.get(SAMPLES / 2 - 1) + times.get(SAMPLES / 2)) / 2;
    }
}
