package com.staffkit.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.staffkit.support.ApiResponse;
import com.staffkit.support.IntegrationTest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Writes of one staff member from several clients at once, over HTTP on real threads: every
 * acknowledged change is in the database once the requests are done, or its request was refused
 * with 409. Each round runs profile writes back to back while other clients log in, switch their
 * current store or get stores assigned, and checks the row when the round is over, so a write that
 * puts back a column it read before the other change committed fails the round.
 */
class ConcurrentStaffWriteTests extends IntegrationTest {

    private static final int ROUNDS = 8;

    private final ExecutorService threads = Executors.newFixedThreadPool(3);
    private long organization;
    private String adminToken;

    @BeforeEach
    void organizationWithAnAdmin() {
        organization = newOrganization("Concurrent Writes");
        adminToken = member(organization, "admin").token();
    }

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void putsRacingWithLoginsAndCurrentStoreChangesLoseNeither() {
        long home = newStore("Home");
        long first = newStore("First");
        long second = newStore("Second");
        List<Long> stores = List.of(home, first, second);
        String email = uniqueEmail("racer");
        long staff = createStaff(Map.of(
                        "organization", organization,
                        "first_name", "Race",
                        "last_name", "Condition",
                        "email", email,
                        "retail_stores", stores,
                        "password", PASSWORD))
                .get("id")
                .asLong();
        String staffToken = login(email, PASSWORD);
        int acknowledgedPuts = 0;
        int acknowledgedLogins = 0;
        int acknowledgedSwitches = 0;

        for (int round = 1; round <= ROUNDS; round++) {
            int r = round;
            // Logins take a password hash each, so the other clients get many turns meanwhile.
            CompletableFuture<Outcomes<Instant>> logins = inBackground(3, i -> {
                Instant sent = Instant.now();
                ApiResponse response = api.post("/api/v1/auth/login")
                        .json(Map.of("username", email, "password", PASSWORD))
                        .send();
                return new Outcome<>(sent, response);
            });
            CompletableFuture<Outcomes<Long>> switches = repeatWhile(logins::isDone, i -> {
                long store = stores.get((r + i) % stores.size());
                return new Outcome<>(
                        store,
                        api.post("/api/v1/me/current-store")
                                .token(staffToken)
                                .json(Map.of("store", store))
                                .send());
            });
            CompletableFuture<Outcomes<String>> puts = repeatWhile(() -> logins.isDone() && switches.isDone(), i -> {
                String title = "Put " + r + "." + i;
                Map<String, Object> body = new HashMap<>(Map.of(
                        "first_name", "Race",
                        "last_name", "Condition",
                        "email", email,
                        "job_title", title,
                        "retail_stores", stores));
                return new Outcome<>(
                        title,
                        api.put("/api/v1/staffs/" + staff)
                                .token(adminToken)
                                .json(body)
                                .send());
            });
            awaitAll(logins, switches, puts);

            StaffState state = state(staff);
            Outcomes<Instant> loginOutcomes = logins.join();
            Outcomes<Long> switchOutcomes = switches.join();
            Outcomes<String> putOutcomes = puts.join();
            loginOutcomes.requireAcknowledgedOr409("login", 200);
            switchOutcomes.requireAcknowledgedOr409("current store", 200);
            putOutcomes.requireAcknowledgedOr409("PUT", 200);
            if (loginOutcomes.last() != null) {
                assertThat(state.lastLogin())
                        .as("round %d: last_login of the last acknowledged login", round)
                        .isAfterOrEqualTo(loginOutcomes.last().truncatedTo(ChronoUnit.MICROS));
            }
            if (switchOutcomes.last() != null) {
                assertThat(state.currentStore())
                        .as("round %d: the current store last switched to", round)
                        .isEqualTo(switchOutcomes.last());
            }
            if (putOutcomes.last() != null) {
                assertThat(state.jobTitle())
                        .as("round %d: the job title last PUT", round)
                        .isEqualTo(putOutcomes.last());
            }
            acknowledgedLogins += loginOutcomes.acknowledged();
            acknowledgedSwitches += switchOutcomes.acknowledged();
            acknowledgedPuts += putOutcomes.acknowledged();
        }
        assertThat(acknowledgedLogins).as("logins that got through").isEqualTo(3 * ROUNDS);
        assertThat(acknowledgedSwitches).as("store switches that got through").isPositive();
        assertThat(acknowledgedPuts).as("PUTs that got through").isPositive();
    }

    @Test
    void patchesRacingWithStoreAssignmentsLoseNeither() {
        long home = newStore("Home");
        long staff = createStaff(Map.of(
                        "organization",
                        organization,
                        "first_name",
                        "Assign",
                        "last_name",
                        "Race",
                        "email",
                        uniqueEmail("assigned"),
                        "retail_stores",
                        List.of(home)))
                .get("id")
                .asLong();
        int acknowledgedAssignments = 0;
        int acknowledgedPatches = 0;

        for (int round = 1; round <= ROUNDS; round++) {
            int r = round;
            List<Long> roundStores =
                    List.of(newStore("Round " + r + "a"), newStore("Round " + r + "b"), newStore("Round " + r + "c"));
            CompletableFuture<Outcomes<Long>> assignments = inBackground(roundStores.size(), i -> {
                long store = roundStores.get(i);
                return new Outcome<>(
                        store,
                        api.put("/api/v1/staffs/" + staff + "/stores/" + store)
                                .token(adminToken)
                                .send());
            });
            CompletableFuture<Outcomes<String>> patches = repeatWhile(assignments::isDone, i -> {
                String title = "Patch " + r + "." + i;
                return new Outcome<>(
                        title,
                        api.patch("/api/v1/staffs/" + staff)
                                .token(adminToken)
                                .json(Map.of("job_title", title))
                                .send());
            });
            awaitAll(assignments, patches);

            StaffState state = state(staff);
            Outcomes<Long> assignmentOutcomes = assignments.join();
            Outcomes<String> patchOutcomes = patches.join();
            assignmentOutcomes.requireAcknowledgedOr409("store assignment", 204);
            patchOutcomes.requireAcknowledgedOr409("PATCH", 200);
            assertThat(state.stores())
                    .as("round %d: every acknowledged assignment", round)
                    .containsAll(assignmentOutcomes.acknowledgedValues());
            if (patchOutcomes.last() != null) {
                assertThat(state.jobTitle())
                        .as("round %d: the job title last patched", round)
                        .isEqualTo(patchOutcomes.last());
            }
            acknowledgedAssignments += assignmentOutcomes.acknowledged();
            acknowledgedPatches += patchOutcomes.acknowledged();
        }
        assertThat(acknowledgedAssignments).as("assignments that got through").isPositive();
        assertThat(acknowledgedPatches).as("PATCHes that got through").isPositive();
    }

    private long newStore(String name) {
        return api.post("/api/v1/stores")
                .token(adminToken)
                .json(Map.of("name", name + " " + unique()))
                .send()
                .json(201)
                .get("id")
                .asLong();
    }

    private record StaffState(String jobTitle, Long currentStore, Instant lastLogin, Set<Long> stores) {}

    private StaffState state(long staff) {
        List<Long> stores = jdbc.sql("select store_id from staff_stores where staff_id = :id")
                .param("id", staff)
                .query(Long.class)
                .list();
        return jdbc.sql("select job_title, current_store_id, last_login from staff where id = :id")
                .param("id", staff)
                .query((rs, row) -> new StaffState(
                        rs.getString("job_title"),
                        rs.getObject("current_store_id", Long.class),
                        rs.getObject("last_login", Timestamp.class) == null
                                ? null
                                : rs.getTimestamp("last_login").toInstant(),
                        Set.copyOf(stores)))
                .single();
    }

    /** What a request tried to write, and how the service answered. */
    private record Outcome<T>(T value, ApiResponse response) {}

    private record Outcomes<T>(List<Outcome<T>> all) {

        void requireAcknowledgedOr409(String what, int acknowledged) {
            for (Outcome<T> outcome : all) {
                assertThat(outcome.response().status())
                        .as(
                                "%s %s: %s",
                                what, outcome.value(), outcome.response().body())
                        .isIn(acknowledged, 409);
                if (outcome.response().status() == 409) {
                    assertThat(outcome.response().body()).contains("concurrent-modification");
                }
            }
        }

        /** The value of the last request that got through, in the order one client sent them. */
        T last() {
            return all.reversed().stream()
                    .filter(Outcomes::succeeded)
                    .map(Outcome::value)
                    .findFirst()
                    .orElse(null);
        }

        List<T> acknowledgedValues() {
            return all.stream().filter(Outcomes::succeeded).map(Outcome::value).toList();
        }

        int acknowledged() {
            return acknowledgedValues().size();
        }

        private static boolean succeeded(Outcome<?> outcome) {
            return outcome.response().status() / 100 == 2;
        }
    }

    /** One client sending {@code count} requests one after the other. */
    private <T> CompletableFuture<Outcomes<T>> inBackground(int count, IntFunction<Outcome<T>> request) {
        return CompletableFuture.supplyAsync(
                () -> {
                    List<Outcome<T>> outcomes = new ArrayList<>();
                    for (int i = 0; i < count; i++) {
                        outcomes.add(request.apply(i));
                    }
                    return new Outcomes<>(outcomes);
                },
                threads);
    }

    /** One client sending requests back to back, at least one, until {@code done} holds. */
    private <T> CompletableFuture<Outcomes<T>> repeatWhile(BooleanSupplier done, IntFunction<Outcome<T>> request) {
        return CompletableFuture.supplyAsync(
                () -> {
                    List<Outcome<T>> outcomes = new ArrayList<>();
                    int i = 0;
                    do {
                        outcomes.add(request.apply(i++));
                    } while (!done.getAsBoolean());
                    return new Outcomes<>(outcomes);
                },
                threads);
    }

    private static void awaitAll(CompletableFuture<?>... futures) {
        CompletableFuture<Void> all = CompletableFuture.allOf(futures);
        await().atMost(Duration.ofSeconds(60)).until(all::isDone);
        all.join();
    }
}
