package com.staffkit.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.staffkit.support.ApiResponse;
import com.staffkit.support.IntegrationTest;
import com.staffkit.support.TestDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Single creates that arrive while another is being written are written together
 * ({@link GroupedRegistrations}): each still gets its own answer, its own audit event (its caller,
 * its request id) and its own activation email. The tests hold every writer at a create waiting for its login
 * identifier's lock (as another transaction claiming the same email would), so that the next
 * creates are waiting when it is released and go out as one group.
 */
class GroupedRegistrationTests extends IntegrationTest {

    /** The key space of the login identifier locks ({@code staff_claim_login_identifier}, V34). */
    private static final int IDENTIFIER_LOCKS = 1819240297;

    private final ExecutorService clients = Executors.newFixedThreadPool(8);
    private final List<Connection> held = new ArrayList<>();
    private long organization;
    private Member admin;

    @Autowired
    private MeterRegistry meters;

    @BeforeEach
    void anOrganization() {
        organization = newOrganization("Grouped " + unique());
        admin = member(organization, "admin");
    }

    @AfterEach
    void release() throws SQLException {
        for (Connection connection : held) {
            connection.close();
        }
        clients.shutdownNow();
    }

    @Test
    void createsWaitingTogetherAreWrittenInOneTransactionEachWithItsOwnEventsAndEmail() throws Exception {
        BusyWriters busy = occupyWriters();
        List<String> emails =
                IntStream.range(0, 3).mapToObj(i -> uniqueEmail("grouped" + i)).toList();
        List<String> requestIds =
                IntStream.range(0, 3).mapToObj(i -> "req-" + i + "-" + unique()).toList();
        List<CompletableFuture<ApiResponse>> grouped = IntStream.range(0, 3)
                .mapToObj(i -> create(emails.get(i), requestIds.get(i)))
                .toList();
        awaitWaitingRegistrations(3);
        long groupsBefore = groupSizes().count();

        busy.release();

        busy.awaitCreated();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ApiResponse response = grouped.get(i).get();
            JsonNode staff = response.json(201);
            assertThat(staff.get("email").asString()).isEqualTo(emails.get(i));
            assertThat(response.header("Location"))
                    .endsWith("/api/v1/staffs/" + staff.get("id").asLong() + "/");
            ids.add(staff.get("id").asLong());
        }
        assertThat(groupSizes().count()).isEqualTo(groupsBefore + 1);
        assertThat(jdbc.sql("select count(distinct xmin::text) from staff where id = any(:ids)")
                        .param("ids", ids.toArray(Long[]::new))
                        .query(Long.class)
                        .single())
                .as("one transaction wrote the three")
                .isEqualTo(1);
        for (int i = 0; i < 3; i++) {
            assertThat(jdbc.sql("""
                            select request_id from audit_events
                            where type = 'staff.created' and target_id = :id and actor_type = 'staff' and actor_id = :actor
                            """)
                            .param("id", ids.get(i))
                            .param("actor", admin.id())
                            .query(String.class)
                            .list())
                    .containsExactly(requestIds.get(i));
            assertThat(jdbc.sql("select count(*) from email_outbox where recipient = :e")
                            .param("e", emails.get(i))
                            .query(Long.class)
                            .single())
                    .isEqualTo(1);
        }
    }

    @Test
    void manyClientsCreatingAtOnceEachGetTheirOwnStaffMemberOnce() throws Exception {
        int clientsAtOnce = 8;
        int perClient = 25;
        List<CompletableFuture<List<JsonNode>>> runs = IntStream.range(0, clientsAtOnce)
                .mapToObj(client -> CompletableFuture.supplyAsync(
                        () -> IntStream.range(0, perClient)
                                .mapToObj(n -> api.post("/api/v1/staffs/")
                                        .token(admin.token())
                                        .json(Map.of(
                                                "first_name", "Many",
                                                "last_name", "Client " + client,
                                                "email",
                                                        "many-" + client + "-" + n + "-" + unique() + "@staffkit.test"))
                                        .send()
                                        .json(201))
                                .toList(),
                        clients))
                .toList();
        List<JsonNode> created = new ArrayList<>();
        for (CompletableFuture<List<JsonNode>> run : runs) {
            created.addAll(run.get());
        }

        assertThat(created).hasSize(clientsAtOnce * perClient);
        assertThat(created.stream().map(staff -> staff.get("id").asLong()).distinct())
                .hasSize(clientsAtOnce * perClient);
        assertThat(jdbc.sql("select count(*) from staff where organization_id = :o and last_name like 'Client %'")
                        .param("o", organization)
                        .query(Long.class)
                        .single())
                .isEqualTo(clientsAtOnce * perClient);
        assertThat(jdbc.sql("""
                        select count(*) from audit_events e join staff s on s.id = e.target_id
                        where e.type = 'staff.created' and s.organization_id = :o and s.last_name like 'Client %'
                        """).param("o", organization).query(Long.class).single())
                .isEqualTo(clientsAtOnce * perClient);
    }

    @Test
    void anEmailTakenWithinTheGroupIsThatRequestsConflict() throws Exception {
        BusyWriters busy = occupyWriters();
        String shared = uniqueEmail("shared");
        CompletableFuture<ApiResponse> earlier = create(shared, "req-" + unique());
        awaitWaitingRegistrations(1);
        CompletableFuture<ApiResponse> later = create(shared, "req-" + unique());
        String otherEmail = uniqueEmail("other");
        CompletableFuture<ApiResponse> other = create(otherEmail, "req-" + unique());
        awaitWaitingRegistrations(3);

        busy.release();

        busy.awaitCreated();
        assertThat(earlier.get().json(201).get("email").asString()).isEqualTo(shared);
        JsonNode conflict = later.get().json(409);
        assertThat(conflict.get("errors").get(0).get("field").asString()).isEqualTo("email");
        assertThat(other.get().json(201).get("email").asString()).isEqualTo(otherEmail);
        assertThat(staffWithEmail(shared)).isEqualTo(1);
    }

    @Test
    void aGroupThatFailsAsAWholeRegistersEachOnItsOwn() throws Exception {
        // Another transaction claims this email without having committed: the group's check cannot
        // see it, so the group's insert waits for it and then fails.
        String claimedElsewhere = uniqueEmail("elsewhere");
        long holder = createStaff(Map.of(
                        "organization",
                        organization,
                        "first_name",
                        "Holds",
                        "last_name",
                        "An Identifier",
                        "remote_id",
                        "holder-" + unique(),
                        "roles",
                        List.of("worker")))
                .get("id")
                .asLong();
        BusyWriters busy = occupyWriters();
        Connection elsewhere = holdIdentifierLocks(List.of(claimedElsewhere));
        try (Statement statement = elsewhere.createStatement()) {
            statement.execute("insert into login_identifiers (identifier, kind, staff_id) values ('"
                    + claimedElsewhere.toLowerCase(Locale.ROOT) + "', 'email', " + holder + ")");
        }
        CompletableFuture<ApiResponse> refused = create(claimedElsewhere, "req-" + unique());
        String fineEmail = uniqueEmail("fine");
        CompletableFuture<ApiResponse> fine = create(fineEmail, "req-" + unique());
        awaitWaitingRegistrations(2);
        busy.release();
        busy.awaitCreated();
        awaitCreatesBlockedOnIdentifierLocks(1);

        elsewhere.commit();

        JsonNode conflict = refused.get().json(409);
        assertThat(conflict.get("errors").get(0).get("field").asString()).isEqualTo("email");
        assertThat(fine.get().json(201).get("email").asString()).isEqualTo(fineEmail);
        assertThat(staffWithEmail(claimedElsewhere)).isZero();
        assertThat(staffWithEmail(fineEmail)).isEqualTo(1);
        assertThat(jdbc.sql("""
                        select count(*) from audit_events e join staff s on s.id = e.target_id
                        where e.type = 'staff.created' and s.email = :e
                        """).param("e", fineEmail).query(Long.class).single())
                .isEqualTo(1);
    }

    /** Every writer of groups held at a create waiting for its email's lock, until released. */
    private record BusyWriters(Connection locks, List<CompletableFuture<ApiResponse>> creates) {

        void release() throws SQLException {
            locks.rollback();
        }

        void awaitCreated() throws Exception {
            for (CompletableFuture<ApiResponse> create : creates) {
                create.get().json(201);
            }
        }
    }

    private BusyWriters occupyWriters() throws SQLException {
        List<String> emails = IntStream.range(0, GroupedRegistrations.WRITERS)
                .mapToObj(i -> uniqueEmail("writer" + i))
                .toList();
        Connection locks = holdIdentifierLocks(emails);
        List<CompletableFuture<ApiResponse>> creates = new ArrayList<>();
        for (String email : emails) {
            // One after the other: two sent together would be one group.
            creates.add(create(email, "req-writer-" + unique()));
            awaitCreatesBlockedOnIdentifierLocks(creates.size());
        }
        return new BusyWriters(locks, creates);
    }

    private CompletableFuture<ApiResponse> create(String email, String requestId) {
        return CompletableFuture.supplyAsync(
                () -> api.post("/api/v1/staffs/")
                        .token(admin.token())
                        .header("X-Request-Id", requestId)
                        .json(Map.of("first_name", "Group", "last_name", "Member " + unique(), "email", email))
                        .send(),
                clients);
    }

    /** An open transaction holding the locks that any claim of these login identifiers takes first. */
    private Connection holdIdentifierLocks(List<String> identifiers) throws SQLException {
        TestDatabase.Connection database = TestDatabase.connection();
        Connection connection = DriverManager.getConnection(database.url(), database.username(), database.password());
        held.add(connection);
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            for (String identifier : identifiers) {
                statement.execute("select pg_advisory_xact_lock(" + IDENTIFIER_LOCKS + ", hashtext('"
                        + identifier.toLowerCase(Locale.ROOT) + "'))");
            }
        }
        return connection;
    }

    private void awaitCreatesBlockedOnIdentifierLocks(int count) {
        await().atMost(Duration.ofSeconds(10))
                .until(() -> jdbc.sql("""
                                        select count(*) from pg_stat_activity
                                        where wait_event_type = 'Lock' and wait_event = 'advisory'
                                          and query like '%staff%'
                                        """).query(Long.class).single(), blocked -> blocked == count);
    }

    private void awaitWaitingRegistrations(int count) {
        await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> meters.get("staffkit.staff.registration.waiting")
                                .gauge()
                                .value(),
                        waiting -> waiting == count);
    }

    private io.micrometer.core.instrument.DistributionSummary groupSizes() {
        return meters.get("staffkit.staff.registration.group.size").summary();
    }

    private long staffWithEmail(String email) {
        return jdbc.sql("select count(*) from staff where organization_id = :o and email = :e")
                .param("o", organization)
                .param("e", email)
                .query(Long.class)
                .single();
    }
}
