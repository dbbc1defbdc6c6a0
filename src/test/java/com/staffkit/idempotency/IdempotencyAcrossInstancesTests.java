package com.staffkit.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import com.staffkit.support.Api;
import com.staffkit.support.ApiResponse;
import com.staffkit.support.IntegrationTest;
import com.staffkit.support.SecondInstance;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** Two instances on one PostgreSQL honour one Idempotency-Key as one: the claim lives in the database. */
class IdempotencyAcrossInstancesTests extends IntegrationTest {

    private static final String STAFFS = "/api/v1/staffs";

    private static ConfigurableApplicationContext instanceB;

    @BeforeAll
    static void startInstanceB() {
        instanceB = SecondInstance.start(Map.of());
    }

    @AfterAll
    static void stopInstanceB() {
        if (instanceB != null) {
            instanceB.close();
        }
    }

    private Map<String, Object> newStaff(String email) {
        return Map.of(
                "organization",
                defaultOrganization(),
                "first_name",
                "Two",
                "last_name",
                "Instances " + unique(),
                "email",
                email,
                "roles",
                List.of("member"));
    }

    private long staffWithEmail(String email) {
        return jdbc.sql("select count(*) from staff where lower(email) = lower(:email)")
                .param("email", email)
                .query(Long.class)
                .single();
    }

    @Test
    void aRetryOnTheOtherInstanceGetsTheFirstAnswer() {
        Api b = SecondInstance.api(instanceB, json);
        String key = UUID.randomUUID().toString();
        String email = uniqueEmail("across");
        Map<String, Object> body = newStaff(email);

        ApiResponse onA = api.post(STAFFS)
                .token(superadminToken())
                .header("Idempotency-Key", key)
                .json(body)
                .send();
        ApiResponse onB = b.post(STAFFS)
                .token(superadminToken())
                .header("Idempotency-Key", key)
                .json(body)
                .send();

        assertThat(onA.status()).as(onA.body()).isEqualTo(201);
        assertThat(onB.status()).isEqualTo(201);
        assertThat(onB.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(onB.header("Location")).isEqualTo(onA.header("Location"));
        assertThat(onB.body()).isEqualTo(onA.body());
        assertThat(staffWithEmail(email)).isEqualTo(1);
    }

    @Test
    void simultaneousRetriesOnBothInstancesDoTheWorkOnce() throws Exception {
        Api b = SecondInstance.api(instanceB, json);
        String key = UUID.randomUUID().toString();
        String email = uniqueEmail("race");
        String body = json.writeValueAsString(newStaff(email));
        String token = superadminToken();
        int requests = 8;
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<ApiResponse>> answers = new ArrayList<>();
        try (ExecutorService clients = Executors.newFixedThreadPool(requests)) {
            for (int i = 0; i < requests; i++) {
                Api instance = i % 2 == 0 ? api : b;
                answers.add(CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                start.await();
                            } catch (InterruptedException ex) {
                                Thread.currentThread().interrupt();
                                throw new IllegalStateException(ex);
                            }
                            return instance.post(STAFFS)
                                    .token(token)
                                    .header("Idempotency-Key", key)
                                    .json(body)
                                    .send();
                        },
                        clients));
            }
            start.countDown();
        }

        List<ApiResponse> done = answers.stream().map(CompletableFuture::join).toList();
        List<ApiResponse> fresh = done.stream()
                .filter(r -> r.status() == 201 && r.header("Idempotent-Replayed") == null)
                .toList();
        assertThat(fresh).hasSize(1);
        assertThat(done.stream().filter(r -> r != fresh.getFirst()))
                .allSatisfy(r -> assertThat(r.status() == 201 && "true".equals(r.header("Idempotent-Replayed"))
                                || (r.status() == 409
                                        && r.body().contains("idempotency-key-in-use")
                                        && r.header("Retry-After") != null))
                        .as(r.status() + " " + r.body())
                        .isTrue());
        assertThat(staffWithEmail(email)).isEqualTo(1);
    }
}
