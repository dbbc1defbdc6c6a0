package com.staffkit.common.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.staffkit.support.IntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * An instance whose change listener loses its connection trusts nothing it cached until it listens
 * again and has dropped everything: a change it could not hear of is never served from memory. Here
 * the listener waits two seconds before reconnecting, long enough to watch the instance while it is
 * deaf.
 */
@TestPropertySource(properties = "staffkit.cache.reconnect-backoff=2s")
class ChangeListenerOutageTests extends IntegrationTest {

    private static final String STAFF = "/api/v1/staffs/?page_size=1";

    @Autowired
    MeterRegistry registry;

    @BeforeEach
    void listening() {
        await().atMost(Duration.ofSeconds(10)).until(() -> trusted() == 1);
    }

    @Test
    void aChangeMissedWhileDeafIsReadFromTheDatabase() {
        Member admin = member(newOrganization("Deaf"), "admin");
        JsonNode minted = api.post("/api/v1/api-keys")
                .token(admin.token())
                .json(Map.of("name", "POS " + unique(), "roles", List.of("member")))
                .send()
                .json(201);
        String key = minted.get("key").asString();
        // Served from the cache once the notifications of the changes above have come and gone.
        await().atMost(Duration.ofSeconds(2)).until(() -> isHit(() -> withKey(key) == 200));

        killListener();
        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(5)).until(() -> trusted() == 0);

        // Revoked behind the instance's back while it is deaf: whatever it was told, it missed it.
        jdbc.sql("update api_keys set revoked_at = now() where id = :id")
                .param("id", minted.get("id").asLong())
                .update();
        assertThat(withKey(key)).as("read from the database, not the cache").isEqualTo(401);
        double whileDeaf = hits();
        assertThat(api.get(STAFF).token(admin.token()).send().status()).isEqualTo(200);
        assertThat(api.get(STAFF).token(admin.token()).send().status()).isEqualTo(200);
        assertThat(hits()).as("nothing is served or stored while deaf").isEqualTo(whileDeaf);
        assertThat(trusted()).as("still reconnecting").isZero();

        await().atMost(Duration.ofSeconds(15)).until(() -> trusted() == 1);
        assertThat(withKey(key)).isEqualTo(401);
        await("caching resumes")
                .atMost(Duration.ofSeconds(2))
                .until(() ->
                        isHit(() -> api.get(STAFF).token(admin.token()).send().status() == 200));
    }

    /** True when the request succeeded and was served from the cache. */
    private boolean isHit(BooleanSupplier request) {
        double before = hits();
        assertThat(request.getAsBoolean()).isTrue();
        return hits() > before;
    }

    @Test
    void theListenerReconnectsOnAConnectionOfItsOwn() {
        long connections = listenerConnections();
        assertThat(connections).isPositive();

        killListener();

        await().atMost(Duration.ofSeconds(15)).until(() -> trusted() == 1 && listenerConnections() >= connections);
        assertThat(jdbc.sql("select count(*) from pg_listening_channels()")
                        .query(Long.class)
                        .single())
                .as("the pool's connections never listen")
                .isZero();
    }

    private int withKey(String key) {
        return api.get(STAFF).header("X-Api-Key", key).send().status();
    }

    private void killListener() {
        assertThat(jdbc.sql("""
                        select count(*) filter (where pg_terminate_backend(pid)) from pg_stat_activity
                        where application_name = :name""")
                        .param("name", ChangeListener.APPLICATION_NAME)
                        .query(Long.class)
                        .single())
                .isPositive();
    }

    private long listenerConnections() {
        return jdbc.sql("select count(*) from pg_stat_activity where application_name = :name")
                .param("name", ChangeListener.APPLICATION_NAME)
                .query(Long.class)
                .single();
    }

    private double trusted() {
        return registry.get("staffkit.cache.trusted").gauge().value();
    }

    private double hits() {
        return registry.get("cache.gets")
                .tag("cache", "callers")
                .tag("result", "hit")
                .functionCounter()
                .count();
    }
}
