package com.staffkit.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import com.staffkit.support.ApiResponse;
import com.staffkit.support.IntegrationTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Idempotency-Key where it meets caching headers, other methods and the request body limit. */
class IdempotencyEdgeTests extends IntegrationTest {

    private static final String KEY = "Idempotency-Key";

    private long keptKeys(String key) {
        return jdbc.sql("select count(*) from idempotency_keys where idempotency_key = :key")
                .param("key", key)
                .query(Long.class)
                .single();
    }

    @Test
    void aReplayedSecretIsStillNotStored() {
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of("name", "edge-" + unique(), "roles", List.of("member"));

        ApiResponse first = api.post("/api/v1/api-keys")
                .token(superadminToken())
                .header(KEY, key)
                .json(body)
                .send();
        ApiResponse replay = api.post("/api/v1/api-keys")
                .token(superadminToken())
                .header(KEY, key)
                .json(body)
                .send();

        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(first.header("Cache-Control")).contains("no-store");
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replay.header("Cache-Control")).contains("no-store");
    }

    @Test
    void aPatchWithAKeyIsDoneAsWithoutItAndClaimsNothing() {
        long organization = newOrganization("Edge " + unique());
        Member admin = member(organization, "admin");
        long staff = member(organization, "member").id();
        String key = UUID.randomUUID().toString();

        for (String title : List.of("First", "Second")) {
            ApiResponse patched = api.patch("/api/v1/staffs/" + staff)
                    .token(admin.token())
                    .header(KEY, key)
                    .json(Map.of("job_title", title))
                    .send();
            assertThat(patched.status()).isEqualTo(200);
            assertThat(patched.header("Idempotent-Replayed")).isNull();
            assertThat(patched.json().get("job_title").asString()).isEqualTo(title);
        }
        assertThat(keptKeys(key)).isZero();
    }

    @Test
    void aBodyOverTheLimitIs413AndClaimsNothing() {
        String key = UUID.randomUUID().toString();
        String huge = "{\"first_name\": \"" + "x".repeat(1_100_000) + "\"}";

        ApiResponse refused = api.post("/api/v1/staffs")
                .token(superadminToken())
                .header(KEY, key)
                .body("application/json", huge)
                .send();

        assertThat(refused.status()).isEqualTo(413);
        assertThat(keptKeys(key)).isZero();
    }
}
