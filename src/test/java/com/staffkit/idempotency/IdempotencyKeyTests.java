package com.staffkit.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import com.staffkit.support.ApiResponse;
import com.staffkit.support.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** {@code Idempotency-Key} on authenticated POSTs: a retry gets the first answer, and the work is done once. */
class IdempotencyKeyTests extends IntegrationTest {

    private static final String STAFFS = "/api/v1/staffs";
    private static final String KEY = "Idempotency-Key";
    private static final String REPLAYED = "Idempotent-Replayed";

    @Autowired
    private IdempotencyRetention retention;

    private Map<String, Object> newStaff(String email) {
        return Map.of(
                "organization",
                defaultOrganization(),
                "first_name",
                "Retry",
                "last_name",
                "Safe " + unique(),
                "email",
                email,
                "roles",
                List.of("member"));
    }

    private ApiResponse create(String token, String key, Object body) {
        return api.post(STAFFS).token(token).header(KEY, key).json(body).send();
    }

    private long staffWithEmail(String email) {
        return jdbc.sql("select count(*) from staff where lower(email) = lower(:email)")
                .param("email", email)
                .query(Long.class)
                .single();
    }

    private long keptKeys(String key) {
        return jdbc.sql("select count(*) from idempotency_keys where idempotency_key = :key")
                .param("key", key)
                .query(Long.class)
                .single();
    }

    @Nested
    class Replays {

        @Test
        void aRetriedCreateGetsTheSameAnswerAndCreatesOneStaffMemberWithOneEvent() {
            String key = UUID.randomUUID().toString();
            Map<String, Object> body = newStaff(uniqueEmail("retry"));

            ApiResponse first = create(superadminToken(), key, body);
            ApiResponse second = create(superadminToken(), key, body);

            assertThat(first.status()).as(first.body()).isEqualTo(201);
            assertThat(first.header(REPLAYED)).isNull();
            assertThat(second.status()).isEqualTo(201);
            assertThat(second.header(REPLAYED)).isEqualTo("true");
            assertThat(second.header("Location")).isEqualTo(first.header("Location"));
            assertThat(second.contentType()).isEqualTo(first.contentType());
            assertThat(second.body()).isEqualTo(first.body());
            long id = first.json().get("id").asLong();
            assertThat(staffWithEmail((String) body.get("email"))).isEqualTo(1);
            assertThat(jdbc.sql("select count(*) from audit_events where type = 'staff.created' and target_id = :id")
                            .param("id", id)
                            .query(Long.class)
                            .single())
                    .isEqualTo(1);
        }

        @Test
        void aQuotedKeyIsTheSameKeyAsItsBareForm() {
            String key = UUID.randomUUID().toString();
            Map<String, Object> body = newStaff(uniqueEmail("quoted"));

            ApiResponse first = create(superadminToken(), key, body);
            ApiResponse second = create(superadminToken(), "\"" + key + "\"", body);

            assertThat(first.status()).isEqualTo(201);
            assertThat(second.header(REPLAYED)).isEqualTo("true");
            assertThat(second.body()).isEqualTo(first.body());
        }

        @Test
        void aNewApiKeysSecretIsReplayedToTheSameCredentialAndTheKeyIsCreatedOnce() {
            String key = UUID.randomUUID().toString();
            String name = "pos-" + unique();
            Map<String, Object> body = Map.of("name", name, "roles", List.of("member"));

            ApiResponse first = api.post("/api/v1/api-keys")
                    .token(superadminToken())
                    .header(KEY, key)
                    .json(body)
                    .send();
            ApiResponse second = api.post("/api/v1/api-keys")
                    .token(superadminToken())
                    .header(KEY, key)
                    .json(body)
                    .send();

            assertThat(first.status()).as(first.body()).isEqualTo(201);
            assertThat(second.header(REPLAYED)).isEqualTo("true");
            assertThat(second.json().get("key").asString())
                    .isEqualTo(first.json().get("key").asString());
            assertThat(jdbc.sql("select count(*) from api_keys where name = :name")
                            .param("name", name)
                            .query(Long.class)
                            .single())
                    .isEqualTo(1);
        }

        @Test
        void aClientErrorIsKeptAndReplayed() {
            String key = UUID.randomUUID().toString();
            String body = """
                    {"organization": %d, "first_name": "No", "email": "not-an-email"}""".formatted(defaultOrganization());

            ApiResponse first = create(superadminToken(), key, body);
            ApiResponse second = create(superadminToken(), key, body);

            assertThat(first.status()).isEqualTo(400);
            assertThat(first.header(REPLAYED)).isNull();
            assertThat(second.status()).isEqualTo(400);
            assertThat(second.header(REPLAYED)).isEqualTo("true");
            assertThat(second.contentType()).isEqualTo("application/problem+json");
            assertThat(second.body()).isEqualTo(first.body());
        }

        @Test
        void aRequestWithoutTheHeaderIsDoneEveryTime() {
            Map<String, Object> body = newStaff(uniqueEmail("plain"));

            ApiResponse first =
                    api.post(STAFFS).token(superadminToken()).json(body).send();
            ApiResponse second =
                    api.post(STAFFS).token(superadminToken()).json(body).send();

            assertThat(first.status()).isEqualTo(201);
            assertThat(second.status()).isEqualTo(409);
            assertThat(second.header(REPLAYED)).isNull();
        }
    }

    @Nested
    class Refusals {

        @Test
        void theSameKeyWithAnotherBodyIsRefusedWith422AndDoesNothing() {
            String key = UUID.randomUUID().toString();
            String otherEmail = uniqueEmail("other");
            assertThat(create(superadminToken(), key, newStaff(uniqueEmail("first")))
                            .status())
                    .isEqualTo(201);

            ApiResponse reused = create(superadminToken(), key, newStaff(otherEmail));

            assertThat(reused.status()).isEqualTo(422);
            assertThat(reused.contentType()).startsWith("application/problem+json");
            JsonNode problem = reused.json();
            assertThat(problem.get("type").asString())
                    .isEqualTo("https://staffkit.dev/problems/idempotency-key-reused");
            assertThat(problem.get("title").asString()).isEqualTo("Idempotency-Key reused");
            assertThat(problem.get("instance").asString()).isEqualTo(STAFFS);
            assertThat(staffWithEmail(otherEmail)).isZero();
        }

        @Test
        void theSameKeyOnAnotherPathIsRefusedWith422() {
            String key = UUID.randomUUID().toString();
            assertThat(create(superadminToken(), key, newStaff(uniqueEmail("path")))
                            .status())
                    .isEqualTo(201);

            ApiResponse reused = api.post("/api/v1/roles")
                    .token(superadminToken())
                    .header(KEY, key)
                    .json(Map.of("name", "r" + unique(), "permissions", List.of("staff:read")))
                    .send();

            assertThat(reused.status()).isEqualTo(422);
        }

        @Test
        void aKeyOf256CharactersIsRefusedWith400NamingTheHeaderAnd255AreAccepted() {
            ApiResponse tooLong = create(superadminToken(), "k".repeat(256), newStaff(uniqueEmail("long")));
            ApiResponse longest = create(
                    superadminToken(), UUID.randomUUID() + "x".repeat(255 - 36), newStaff(uniqueEmail("longest")));

            assertThat(tooLong.status()).isEqualTo(400);
            assertThat(tooLong.contentType()).startsWith("application/problem+json");
            JsonNode problem = tooLong.json();
            assertThat(problem.get("type").asString())
                    .isEqualTo("https://staffkit.dev/problems/invalid-idempotency-key");
            assertThat(problem.get("detail").asString()).contains("Idempotency-Key", "255", "256");
            assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo(KEY);
            assertThat(longest.status()).as(longest.body()).isEqualTo(201);
        }

        @Test
        void anEmptyOrNonAsciiKeyIsRefusedWith400() {
            ApiResponse empty = create(superadminToken(), "\"\"", newStaff(uniqueEmail("empty")));
            ApiResponse control = create(superadminToken(), "tab\there", newStaff(uniqueEmail("ascii")));

            assertThat(empty.status()).as(empty.body()).isEqualTo(400);
            assertThat(control.status()).as(control.body()).isEqualTo(400);
        }

        @Test
        void aRetryWhileTheFirstIsStillRunningGets409WithRetryAfter() {
            String key = UUID.randomUUID().toString();
            Map<String, Object> body = newStaff(uniqueEmail("running"));
            assertThat(create(superadminToken(), key, body).status()).isEqualTo(201);
            // As if the first request had claimed the key and were still working.
            jdbc.sql("""
                            update idempotency_keys set completed_at = null, response_status = null,
                                response_location = null, response_content_type = null, response_body = null,
                                claimed_at = now()
                            where idempotency_key = :key""").param("key", key).update();

            ApiResponse retry = create(superadminToken(), key, body);

            assertThat(retry.status()).isEqualTo(409);
            assertThat(retry.header("Retry-After")).isEqualTo("1");
            assertThat(retry.json().get("type").asString())
                    .isEqualTo("https://staffkit.dev/problems/idempotency-key-in-use");
            assertThat(retry.header(REPLAYED)).isNull();
        }

        @Test
        void aClaimWhoseLeaseRanOutIsTakenOverAndTheWorkIsTriedAgain() {
            String key = UUID.randomUUID().toString();
            Map<String, Object> body = newStaff(uniqueEmail("abandoned"));
            assertThat(create(superadminToken(), key, body).status()).isEqualTo(201);
            // As if the instance that claimed the key had died three minutes ago, after committing.
            jdbc.sql("""
                            update idempotency_keys set completed_at = null, response_status = null,
                                response_location = null, response_content_type = null, response_body = null,
                                claimed_at = now() - interval '3 minutes'
                            where idempotency_key = :key""").param("key", key).update();

            ApiResponse retry = create(superadminToken(), key, body);

            // The work runs again, and the write path's own uniqueness rule answers it.
            assertThat(retry.status()).isEqualTo(409);
            assertThat(retry.json().get("type").asString()).isEqualTo("https://staffkit.dev/problems/conflict");
            assertThat(retry.header(REPLAYED)).isNull();
            assertThat(staffWithEmail((String) body.get("email"))).isEqualTo(1);
        }
    }

    @Nested
    class Scope {

        @Test
        void theSameKeyFromAnotherCredentialIsIndependent() {
            String key = UUID.randomUUID().toString();
            Member admin = member("admin");
            String adminsEmail = uniqueEmail("admins");

            ApiResponse bySuperadmin = create(superadminToken(), key, newStaff(uniqueEmail("supers")));
            ApiResponse byAdmin = create(admin.token(), key, newStaff(adminsEmail));

            assertThat(bySuperadmin.status()).isEqualTo(201);
            assertThat(byAdmin.status()).as(byAdmin.body()).isEqualTo(201);
            assertThat(byAdmin.header(REPLAYED)).isNull();
            assertThat(staffWithEmail(adminsEmail)).isEqualTo(1);
            assertThat(jdbc.sql("select credential from idempotency_keys where idempotency_key = :key order by id")
                            .param("key", key)
                            .query(String.class)
                            .list())
                    .containsExactly("staff:" + superadminStaffId(), "staff:" + admin.id());
        }

        @Test
        void anApiKeyIsACredentialOfItsOwn() {
            JsonNode apiKey = api.post("/api/v1/api-keys")
                    .token(superadminToken())
                    .json(Map.of("name", "importer-" + unique(), "roles", List.of("admin")))
                    .send()
                    .json(201);
            String key = UUID.randomUUID().toString();
            Map<String, Object> body = newStaff(uniqueEmail("by-key"));

            ApiResponse first = api.post(STAFFS)
                    .header("X-Api-Key", apiKey.get("key").asString())
                    .header(KEY, key)
                    .json(body)
                    .send();
            ApiResponse second = api.post(STAFFS)
                    .header("X-Api-Key", apiKey.get("key").asString())
                    .header(KEY, key)
                    .json(body)
                    .send();

            assertThat(first.status()).as(first.body()).isEqualTo(201);
            assertThat(second.header(REPLAYED)).isEqualTo("true");
            assertThat(jdbc.sql("select credential from idempotency_keys where idempotency_key = :key")
                            .param("key", key)
                            .query(String.class)
                            .single())
                    .isEqualTo("api-key:" + apiKey.get("id").asLong());
        }

        @Test
        void loginIgnoresTheHeader() {
            String key = "k".repeat(300);
            ApiResponse first = api.post("/api/v1/auth/login")
                    .header(KEY, key)
                    .json(Map.of("username", ADMIN_EMAIL, "password", ADMIN_PASSWORD))
                    .send();
            ApiResponse second = api.post("/api/v1/auth/login")
                    .header(KEY, key)
                    .json(Map.of("username", ADMIN_EMAIL, "password", ADMIN_PASSWORD))
                    .send();

            assertThat(first.status()).isEqualTo(200);
            assertThat(second.status()).isEqualTo(200);
            assertThat(second.header(REPLAYED)).isNull();
            assertThat(second.json().get("access_token").asString())
                    .isNotEqualTo(first.json().get("access_token").asString());
            assertThat(keptKeys(key)).isZero();
        }

        @Test
        void anUnauthenticatedPostIsRefusedWithoutClaimingTheKey() {
            String key = UUID.randomUUID().toString();

            ApiResponse refused = api.post(STAFFS)
                    .header(KEY, key)
                    .json(newStaff(uniqueEmail("anon")))
                    .send();

            assertThat(refused.status()).isEqualTo(401);
            assertThat(keptKeys(key)).isZero();
        }
    }

    @Nested
    class Failures {

        @Test
        void aServerErrorIsNotKeptSoTheRetryDoesTheWork() {
            String marker = "explode" + UUID.randomUUID().toString().replace("-", "");
            String key = UUID.randomUUID().toString();
            String email = uniqueEmail("explode");
            Map<String, Object> body = Map.of(
                    "organization",
                    defaultOrganization(),
                    "first_name",
                    marker,
                    "last_name",
                    "Failure",
                    "email",
                    email,
                    "roles",
                    List.of("member"));
            jdbc.sql("""
                    create function %1$s() returns trigger language plpgsql as $$
                    begin
                        if new.first_name = '%1$s' then raise exception 'forced failure'; end if;
                        return new;
                    end $$""".formatted(marker)).update();
            jdbc.sql("create trigger %1$s before insert on staff for each row execute function %1$s()"
                            .formatted(marker))
                    .update();
            ApiResponse failed;
            try {
                failed = create(superadminToken(), key, body);
            } finally {
                jdbc.sql("drop trigger %1$s on staff".formatted(marker)).update();
                jdbc.sql("drop function %1$s()".formatted(marker)).update();
            }

            assertThat(failed.status()).isGreaterThanOrEqualTo(500);
            assertThat(keptKeys(key)).isZero();
            ApiResponse retry = create(superadminToken(), key, body);
            assertThat(retry.status()).as(retry.body()).isEqualTo(201);
            assertThat(retry.header(REPLAYED)).isNull();
            assertThat(staffWithEmail(email)).isEqualTo(1);
        }
    }

    @Nested
    class Retention {

        @Test
        void keysOlderThanTheRetentionArePurged() {
            String key = UUID.randomUUID().toString();
            assertThat(create(superadminToken(), key, newStaff(uniqueEmail("purged")))
                            .status())
                    .isEqualTo(201);
            String fresh = UUID.randomUUID().toString();
            assertThat(create(superadminToken(), fresh, newStaff(uniqueEmail("kept")))
                            .status())
                    .isEqualTo(201);
            jdbc.sql("update idempotency_keys set created_at = :old where idempotency_key = :key")
                    .param("old", java.sql.Timestamp.from(Instant.now().minus(Duration.ofHours(25))))
                    .param("key", key)
                    .update();

            retention.purge();

            assertThat(keptKeys(key)).isZero();
            assertThat(keptKeys(fresh)).isEqualTo(1);
        }

        @Test
        void anExpiredKeyThatIsNotPurgedYetIsNotReplayed() {
            String key = UUID.randomUUID().toString();
            Map<String, Object> body = newStaff(uniqueEmail("expired"));
            assertThat(create(superadminToken(), key, body).status()).isEqualTo(201);
            jdbc.sql(
                            "update idempotency_keys set created_at = now() - interval '25 hours' where idempotency_key = :key")
                    .param("key", key)
                    .update();

            ApiResponse retry = create(superadminToken(), key, body);

            assertThat(retry.status()).isEqualTo(409);
            assertThat(retry.header(REPLAYED)).isNull();
        }
    }

    private long superadminStaffId() {
        return jdbc.sql("select id from staff where lower(email) = lower(:email)")
                .param("email", ADMIN_EMAIL)
                .query(Long.class)
                .single();
    }
}
