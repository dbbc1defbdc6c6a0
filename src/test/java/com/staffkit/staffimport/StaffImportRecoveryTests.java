package com.staffkit.staffimport;

import static com.staffkit.staffimport.ImportSupport.ended;
import static com.staffkit.staffimport.ImportSupport.queued;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.staffkit.support.IntegrationTest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * What the worker promises across instances and failures, played with this instance's worker
 * stopped: the test claims and applies chunks as a worker of another instance would, then lets it
 * "die" (its lease runs out) and this instance's worker take over.
 */
class StaffImportRecoveryTests extends IntegrationTest {

    private static final Duration HOUR = Duration.ofHours(1);

    @Autowired
    private StaffImportWorker worker;

    @Autowired
    private ImportClaims claims;

    @Autowired
    private ImportChunkRunner chunks;

    @Autowired
    private TransactionTemplate transactions;

    @Autowired
    private Clock clock;

    private long organization;
    private Member admin;

    /** Once no other import is left to run, so the only import to claim is the test's own. */
    @BeforeEach
    void stopTheWorker() {
        await().atMost(ImportSupport.WAIT)
                .until(() -> jdbc.sql("select count(*) from staff_imports where status in ('queued', 'running')")
                                .query(Long.class)
                                .single()
                        == 0);
        worker.stop();
        organization = newOrganization("Recovery " + unique());
        admin = member(organization, "admin");
    }

    /** Whatever the test left claimed is handed to the worker, which finishes it. */
    @AfterEach
    void startTheWorker() {
        jdbc.sql("update staff_imports set lease_until = now() where organization_id = :o and status = 'running'")
                .param("o", organization)
                .update();
        if (!worker.isRunning()) {
            worker.start();
        }
    }

    private long importId(String location) {
        return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
    }

    private ImportClaims.Claimed claim(long expected) {
        ImportClaims.Claimed claimed =
                claims.claim(UUID.randomUUID(), HOUR, clock.instant()).orElseThrow();
        assertThat(claimed.id()).isEqualTo(expected);
        return claimed;
    }

    private void leaseRunsOut(long id) {
        jdbc.sql("update staff_imports set lease_until = now() - interval '1 second' where id = :id")
                .param("id", id)
                .update();
    }

    /**
     * Rows without any unique value (workers, who cannot log in, need no email): a row applied twice
     * would be a second staff member, not a refusal.
     */
    private static String rows(String prefix, int count) {
        StringBuilder csv = new StringBuilder("first_name,last_name,roles\n");
        for (int i = 1; i <= count; i++) {
            csv.append(prefix).append(",Row ").append(i).append(",worker\n");
        }
        return csv.toString();
    }

    private long staffNamed(String firstName) {
        return jdbc.sql("select count(*) from staff where organization_id = :o and first_name = :name")
                .param("o", organization)
                .param("name", firstName)
                .query(Long.class)
                .single();
    }

    @Nested
    class Resume {

        @Test
        void anImportAbandonedAfterACommittedChunkResumesAfterItAndAppliesNoRowTwice() {
            String prefix = "Resume" + UUID.randomUUID().toString().substring(0, 8);
            String location = queued(api, admin.token(), "", rows(prefix, 2500));
            long id = importId(location);
            assertThat(jdbc.sql("select count(*) from staff_import_chunks where import_id = :id")
                            .param("id", id)
                            .query(Long.class)
                            .single())
                    .isEqualTo(3);

            ImportClaims.Claimed dead = claim(id);
            assertThat(chunks.runNext(dead)).isEqualTo(ImportChunkRunner.Step.APPLIED);
            JsonNode midway = api.get(location).token(admin.token()).send().json(200);
            assertThat(midway.get("status").asString()).isEqualTo("running");
            assertThat(midway.get("rows_done").asInt()).isEqualTo(1000);
            assertThat(staffNamed(prefix)).isEqualTo(1000);
            leaseRunsOut(id);
            worker.start();

            JsonNode done = ended(api, admin.token(), location);
            assertThat(done.get("status").asString()).isEqualTo("succeeded");
            assertThat(done.get("rows_done").asInt()).isEqualTo(2500);
            assertThat(done.get("created").asInt()).isEqualTo(2500);
            assertThat(done.get("failed").asInt()).isZero();
            assertThat(staffNamed(prefix)).isEqualTo(2500);
            assertThat(jdbc.sql("""
                            select count(distinct last_name) from staff
                            where organization_id = :o and first_name = :name""")
                            .param("o", organization)
                            .param("name", prefix)
                            .query(Long.class)
                            .single())
                    .isEqualTo(2500);
            assertThat(jdbc.sql("""
                            select count(*) from audit_events e join staff s on s.id = e.target_id
                            where e.type = 'staff.created' and s.organization_id = :o and s.first_name = :name""")
                            .param("o", organization)
                            .param("name", prefix)
                            .query(Long.class)
                            .single())
                    .isEqualTo(2500);
            assertThat(chunks.runNext(dead))
                    .as("the instance that lost its lease applies nothing when it comes back")
                    .isEqualTo(ImportChunkRunner.Step.LOST);
            assertThat(staffNamed(prefix)).isEqualTo(2500);
        }

        @Test
        void aStoppingWorkerHandsItsImportOverAtOnce() {
            String location = queued(api, admin.token(), "", rows("Handover", 3));
            long id = importId(location);
            ImportClaims.Claimed stopping = claim(id);

            claims.release(stopping.id(), stopping.claim());

            assertThat(claims.claim(UUID.randomUUID(), HOUR, clock.instant()))
                    .map(ImportClaims.Claimed::id)
                    .hasValue(id);
        }
    }

    @Nested
    class OneWorkerAtATime {

        @Test
        void aClaimedImportIsClaimedByNobodyElseWhileItsLeaseHoldsOrItsChunkRuns() throws Exception {
            String prefix = "Once" + UUID.randomUUID().toString().substring(0, 8);
            long id = importId(queued(api, admin.token(), "", rows(prefix, 3)));
            ImportClaims.Claimed first = claim(id);

            assertThat(claims.claim(UUID.randomUUID(), HOUR, clock.instant()))
                    .as("while the lease holds")
                    .isEmpty();

            leaseRunsOut(id);
            CountDownLatch locked = new CountDownLatch(1);
            CountDownLatch finish = new CountDownLatch(1);
            // The first worker in the middle of a chunk: its transaction holds the import.
            CompletableFuture<Void> chunkInFlight =
                    CompletableFuture.runAsync(() -> transactions.executeWithoutResult(status -> {
                        assertThat(claims.lockIfHeld(first.id(), first.claim())).isTrue();
                        locked.countDown();
                        try {
                            finish.await(30, TimeUnit.SECONDS);
                        } catch (InterruptedException ex) {
                            Thread.currentThread().interrupt();
                        }
                    }));
            assertThat(locked.await(30, TimeUnit.SECONDS)).isTrue();
            Optional<ImportClaims.Claimed> meanwhile = claims.claim(UUID.randomUUID(), HOUR, clock.instant());
            finish.countDown();
            chunkInFlight.get(30, TimeUnit.SECONDS);
            assertThat(meanwhile)
                    .as("while a chunk of it runs, even past its lease")
                    .isEmpty();

            ImportClaims.Claimed second = claim(id);
            assertThat(chunks.runNext(first)).isEqualTo(ImportChunkRunner.Step.LOST);
            assertThat(chunks.runNext(second)).isEqualTo(ImportChunkRunner.Step.APPLIED);
            assertThat(chunks.runNext(second)).isEqualTo(ImportChunkRunner.Step.ENDED);
            assertThat(staffNamed(prefix)).isEqualTo(3);
        }
    }

    @Nested
    class Uploader {

        @Test
        void aDeactivatedUploaderEndsTheImportAsFailedWithTheReasonAndItsRowsDropped() {
            String location = queued(api, admin.token(), "", rows("Orphan", 3));
            api.delete("/api/v1/staffs/" + admin.id()).token(superadminToken()).send();
            worker.start();

            JsonNode done = ended(api, superadminToken(), location);

            assertThat(done.get("status").asString()).isEqualTo("failed");
            assertThat(done.get("failure_reason").asString()).contains("can no longer write staff");
            assertThat(done.get("rows_done").asInt()).isZero();
            assertThat(staffNamed("Orphan")).isZero();
            assertThat(jdbc.sql("select count(*) from staff_import_chunks where import_id = :id")
                            .param("id", importId(location))
                            .query(Long.class)
                            .single())
                    .isZero();
        }

        @Test
        void aRevokedKeyEndsTheImportAsFailed() {
            JsonNode key = api.post("/api/v1/api-keys")
                    .token(admin.token())
                    .json(Map.of("name", "Revoked " + unique(), "roles", List.of("manager")))
                    .send()
                    .json(201);
            var response = api.post(ImportSupport.IMPORTS)
                    .header("X-Api-Key", key.get("key").asString())
                    .body("text/csv", rows("Revoked", 2))
                    .send();
            assertThat(response.status()).as(response.body()).isEqualTo(202);
            api.delete("/api/v1/api-keys/" + key.get("id").asLong())
                    .token(admin.token())
                    .send();
            worker.start();

            JsonNode done = ended(api, admin.token(), response.header("Location"));

            assertThat(done.get("status").asString()).isEqualTo("failed");
            assertThat(done.get("failure_reason").asString()).contains("API key");
            assertThat(staffNamed("Revoked")).isZero();
        }
    }
}
