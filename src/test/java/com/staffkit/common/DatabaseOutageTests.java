package com.staffkit.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.staffkit.support.Api;
import com.staffkit.support.ApiResponse;
import com.staffkit.support.CuttableTcpProxy;
import com.staffkit.support.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * PostgreSQL going away under a running instance and coming back. The instance has a context of
 * its own, on a database of its own in the suite's PostgreSQL, reached through a proxy the test
 * cuts and restores; the shared database is never touched.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "staffkit.bootstrap-admin.email=" + DatabaseOutageTests.ADMIN,
            "staffkit.bootstrap-admin.password=" + DatabaseOutageTests.PASSWORD,
            "spring.datasource.hikari.maximum-pool-size=4"
        })
@DirtiesContext
class DatabaseOutageTests {

    static final String ADMIN = "outage@staffkit.test";
    static final String PASSWORD = "outage-secret-42";
    private static final Duration FAIL_FAST = Duration.ofSeconds(2);
    private static final Pattern JDBC_URL = Pattern.compile("jdbc:postgresql://([^:/]+):(\\d+)/([^?]*)(\\?.*)?");

    private static CuttableTcpProxy proxy;

    @LocalServerPort
    int port;

    @Autowired
    JsonMapper json;

    @Autowired
    JdbcClient jdbc;

    private Api api;
    private String token;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) throws IOException, SQLException {
        TestDatabase.Connection shared = TestDatabase.connection();
        Matcher url = JDBC_URL.matcher(shared.url());
        assertThat(url.matches()).as(shared.url()).isTrue();
        String database = "staffkit_outage_" + UUID.randomUUID().toString().replace("-", "");
        try (var connection = DriverManager.getConnection(shared.url(), shared.username(), shared.password());
                var statement = connection.createStatement()) {
            statement.execute("create database " + database);
        }
        proxy = new CuttableTcpProxy(url.group(1), Integer.parseInt(url.group(2)));
        String query = url.group(4) == null ? "" : url.group(4);
        registry.add(
                "spring.datasource.url", () -> "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + database + query);
        registry.add("spring.datasource.username", shared::username);
        registry.add("spring.datasource.password", shared::password);
    }

    @AfterAll
    static void closeProxy() {
        proxy.close();
    }

    @BeforeEach
    void logIn() {
        api = new Api("http://localhost:" + port, json);
        awaitDatabase();
        token = api.post("/api/v1/auth/login")
                .json(Map.of("username", ADMIN, "password", PASSWORD))
                .send()
                .json(200)
                .get("access_token")
                .asString();
        proxy.cut();
    }

    @AfterEach
    void restoreDatabase() {
        proxy.restore();
        awaitDatabase();
    }

    @Nested
    class WhileItIsAway {

        @Test
        void aRequestWhoseCredentialCannotBeReadFailsFastWith503() {
            assertUnavailable(() -> api.get("/api/v1/staffs").token(token).send());
        }

        @Test
        void aPublicRequestFailsFastWith503Too() {
            assertUnavailable(() -> api.post("/api/v1/auth/login")
                    .json(Map.of("username", ADMIN, "password", PASSWORD))
                    .send());
        }

        @Test
        void theInstanceIsNotReadyButAlive() {
            ApiResponse readiness = api.get("/actuator/health/readiness").send();
            ApiResponse liveness = api.get("/actuator/health/liveness").send();

            assertThat(readiness.status()).as(readiness.body()).isEqualTo(503);
            assertThat(readiness.json().get("status").asString()).isEqualTo("DOWN");
            assertThat(liveness.json(200).get("status").asString()).isEqualTo("UP");
        }
    }

    @Nested
    class OnceItIsBack {

        @Test
        void everythingWorksAgainWithoutARestart() {
            assertUnavailable(() -> api.get("/api/v1/staffs").token(token).send());

            proxy.restore();

            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(
                                    api.get("/actuator/health/readiness").send().status())
                            .isEqualTo(200));
            String email = "back-" + UUID.randomUUID() + "@example.com";
            JsonNode created = api.post("/api/v1/staffs")
                    .token(token)
                    .json(Map.of("first_name", "Back", "last_name", "Again", "email", email))
                    .send()
                    .json(201);
            assertThat(api.get("/api/v1/staffs/" + created.get("id").asLong())
                            .token(token)
                            .send()
                            .json(200)
                            .get("email")
                            .asString())
                    .isEqualTo(email);
            assertThat(jdbc.sql("select count(*) from staff where email = :email")
                            .param("email", email)
                            .query(Long.class)
                            .single())
                    .isEqualTo(1);
        }
    }

    private void assertUnavailable(java.util.function.Supplier<ApiResponse> request) {
        long started = System.nanoTime();
        ApiResponse response = request.get();
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(response.status()).as(response.body()).isEqualTo(503);
        assertThat(took).as("answered within %s", FAIL_FAST).isLessThan(FAIL_FAST);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.header("Retry-After")).matches("[1-9][0-9]*");
        JsonNode problem = response.json();
        assertThat(problem.get("type").asString()).isEqualTo("https://staffkit.dev/problems/service-unavailable");
        assertThat(problem.get("instance").asString()).startsWith("/api/v1/");
        assertThat(response.body().toLowerCase()).doesNotContain("jdbc", "postgres", "sql", "hikari", "exception");
    }

    private void awaitDatabase() {
        await().atMost(Duration.ofSeconds(30))
                .ignoreExceptionsInstanceOf(UncheckedIOException.class)
                .until(() -> api.get("/actuator/health/readiness").send().status() == 200);
    }
}
