package com.staffkit.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Base of the HTTP integration tests: one application context and one PostgreSQL for the whole
 * suite (every subclass shares this configuration, so the context is cached), real tokens, and
 * data that each test creates for itself.
 *
 * <p>The caches are on, as in production: a test that changes a credential or a staff row in SQL
 * behind the service's back (which no instance would announce) does so before it is first read.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "staffkit.bootstrap-admin.email=" + IntegrationTest.ADMIN_EMAIL,
            "staffkit.bootstrap-admin.password=" + IntegrationTest.ADMIN_PASSWORD,
            "staffkit.web.max-request-body=64KB"
        })
@Import({SqlStatementCounter.Config.class, RecordedEvents.Config.class, ChangesHeard.Config.class})
public abstract class IntegrationTest {

    public static final String ADMIN_EMAIL = "root@staffkit.test";
    public static final String ADMIN_PASSWORD = "bootstrap-secret-42";
    public static final String PASSWORD = "correct-horse-battery";

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static String superadminToken;

    @LocalServerPort
    protected int port;

    @Autowired
    protected JsonMapper json;

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    protected ChangesHeard changesHeard;

    protected Api api;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.Connection connection = TestDatabase.connection();
        registry.add("spring.datasource.url", connection::url);
        registry.add("spring.datasource.username", connection::username);
        registry.add("spring.datasource.password", connection::password);
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", TestMail::port);
        registry.add("staffkit.mail.poll-interval", () -> "100ms");
        registry.add("staffkit.mail.initial-backoff", () -> "200ms");
        registry.add("staffkit.mail.max-backoff", () -> "1s");
        registry.add("staffkit.public-url", () -> "https://app.staffkit.test");
        // Webhooks retry within a second instead of a day, and give up on a receiver after 2 s.
        registry.add("staffkit.webhooks.retry-delays", () -> "200ms,400ms,2s");
        registry.add("staffkit.webhooks.poll-interval", () -> "200ms");
        registry.add("staffkit.webhooks.timeout", () -> "2s");
        registry.add("staffkit.password-reset.max-per-address", () -> "30");
        // Abandoned imports are taken over, and failed batches tried again, within a fraction of a second.
        registry.add("staffkit.imports.poll-interval", () -> "200ms");
        registry.add("staffkit.imports.retry-wait", () -> "200ms");
        // The tests stand in for the proxy in front of the service (each test picks its own client
        // address with X-Forwarded-For); any other peer, IPv6 loopback included, is a client.
        registry.add("staffkit.proxy.trusted", () -> "127.0.0.1");
        // Every test logs in from 127.0.0.1; the limit per address is tested from addresses of its own.
        registry.add("staffkit.auth.max-failed-logins-per-address", () -> "1000000");
    }

    @BeforeEach
    void setUpApi() {
        api = new Api("http://localhost:" + port, json);
    }

    /** A token of the bootstrap superadmin (organization "Default"). */
    protected String superadminToken() {
        if (superadminToken == null) {
            superadminToken = login(ADMIN_EMAIL, ADMIN_PASSWORD);
        }
        return superadminToken;
    }

    protected String login(String username, String password) {
        ApiResponse response = api.post("/api/v1/auth/login")
                .json(Map.of("username", username, "password", password))
                .send();
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().get("access_token").asString();
    }

    /** A unique suffix, so tests never collide on unique fields whatever their order. */
    protected static String unique() {
        return SEQUENCE.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    protected static String uniqueEmail(String prefix) {
        return prefix + "-" + unique() + "@example.com";
    }

    /** A new organization (created in the database: organization endpoints come later) with its service user. */
    protected long newOrganization(String name) {
        String slug = name.toLowerCase().replaceAll("[^a-z0-9]+", "-") + "-" + unique();
        long id = jdbc.sql("insert into organizations (name, slug) values (:name, :slug) returning id")
                .param("name", name)
                .param("slug", slug)
                .query(Long.class)
                .single();
        jdbc.sql("""
                        insert into staff (organization_id, username, first_name, last_name, is_service_user, has_activated)
                        values (:id, :username, 'Service', 'User', true, true)""").param("id", id).param("username", "service-" + slug).update();
        jdbc.sql("""
                        insert into staff_roles (staff_id, role_id, organization_id)
                        select s.id, r.id, s.organization_id from staff s, roles r
                        where s.organization_id = :id and s.is_service_user and r.is_built_in and r.name = 'worker'""").param("id", id).update();
        return id;
    }

    /** Creates a staff member through the API as the superadmin and returns its representation. */
    protected JsonNode createStaff(Map<String, Object> fields) {
        return api.post("/api/v1/staffs/")
                .token(superadminToken())
                .json(fields)
                .send()
                .json(201);
    }

    /** A new store, created by the holder of {@code token} in its organization; its id. */
    protected long createStore(String token, String name) {
        return api.post("/api/v1/stores")
                .token(token)
                .json(Map.of("name", name))
                .send()
                .json(201)
                .get("id")
                .asLong();
    }

    /**
     * {@code count} new staff members of this store, created by the holder of {@code token}, nobody
     * has read yet: first name {@code firstName}, last names {@code Member0}, {@code Member1}, ...; their
     * ids in order.
     */
    protected List<Long> newStaffInStore(String token, long store, String firstName, int count) {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ApiResponse created = api.post("/api/v1/staffs/")
                    .token(token)
                    .json(Map.of(
                            "first_name",
                            firstName,
                            "last_name",
                            "Member" + i,
                            "email",
                            uniqueEmail(firstName.toLowerCase(Locale.ROOT)),
                            "retail_stores",
                            List.of(store)))
                    .send();
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            ids.add(created.json().get("id").asLong());
        }
        return ids;
    }

    /** A staff member with these roles and a password, in an organization; returns a logged-in {@link Member}. */
    protected Member member(long organization, String... roles) {
        String email = uniqueEmail(roles.length == 0 ? "member" : roles[0]);
        List<String> roleNames = roles.length == 0 ? List.of("member") : List.of(roles);
        Map<String, Object> fields = new HashMap<>(Map.of(
                "organization", organization,
                "first_name", "Test",
                "last_name", "Member " + unique(),
                "email", email,
                "roles", roleNames,
                "password", PASSWORD));
        // A manager without full store access sees only the staff of its stores; store-scoped managers
        // are made explicitly where that rule is under test.
        fields.put("full_store_access", roleNames.contains("manager"));
        JsonNode staff = createStaff(fields);
        return new Member(staff.get("id").asLong(), email, login(email, PASSWORD));
    }

    /** A logged-in manager without full store access: it sees only the staff of these stores. */
    protected Member storeScopedManager(long organization, List<Long> stores) {
        String email = uniqueEmail("scoped");
        JsonNode staff = createStaff(Map.of(
                "organization",
                organization,
                "first_name",
                "Sco",
                "last_name",
                "Ped",
                "email",
                email,
                "roles",
                List.of("manager"),
                "retail_stores",
                stores,
                "full_store_access",
                false,
                "password",
                PASSWORD));
        return new Member(staff.get("id").asLong(), email, login(email, PASSWORD));
    }

    protected Member member(String... roles) {
        return member(defaultOrganization(), roles);
    }

    protected long defaultOrganization() {
        return jdbc.sql("select id from organizations where slug = 'default'")
                .query(Long.class)
                .single();
    }

    public record Member(long id, String email, String token) {}
}
