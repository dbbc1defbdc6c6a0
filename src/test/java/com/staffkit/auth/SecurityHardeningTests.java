package com.staffkit.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.staffkit.support.ApiResponse;
import com.staffkit.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Attacks that must fail: parallel guessing, keys outliving their creator, stale credentials, shadowing. */
class SecurityHardeningTests extends IntegrationTest {

    private ApiResponse attempt(String username, String password) {
        return api.post("/api/v1/auth/login")
                .json(Map.of("username", username, "password", password))
                .send();
    }

    @Nested
    class Lockout {

        @Test
        void parallelGuessesGetNoMoreThanTheLimit() throws Exception {
            Member victim = member();
            ExecutorService pool = Executors.newFixedThreadPool(12);
            List<Future<Integer>> results = new ArrayList<>();
            try {
                for (int i = 0; i < 12; i++) {
                    String guess = "wrong-guess-" + i;
                    results.add(pool.submit(() -> attempt(victim.email(), guess).status()));
                }
                List<Integer> statuses = new ArrayList<>();
                for (Future<Integer> result : results) {
                    statuses.add(result.get());
                }
                assertThat(statuses.stream().filter(s -> s == 401).count()).isEqualTo(5);
                assertThat(statuses.stream().filter(s -> s == 429).count()).isEqualTo(7);
            } finally {
                pool.shutdown();
            }
        }

        @Test
        void caseFoldingTricksShareTheSameCounter() {
            Member victim = member();
            for (int i = 0; i < 5; i++) {
                attempt(victim.email(), "wrong-guess-" + i);
            }
            assertThat(attempt(victim.email().toUpperCase(), PASSWORD).status()).isEqualTo(429);
            assertThat(attempt("  " + victim.email() + "  ", PASSWORD).status()).isEqualTo(429);
        }

        @Test
        void currentPasswordGuessesAreLimitedToo() {
            Member member = member();
            for (int i = 0; i < 5; i++) {
                ApiResponse wrong = api.post("/api/v1/me/password")
                        .token(member.token())
                        .json(Map.of("current_password", "wrong-guess-" + i, "new_password", "whatever-long-enough"))
                        .send();
                assertThat(wrong.status()).isEqualTo(400);
            }
            ApiResponse locked = api.post("/api/v1/me/password")
                    .token(member.token())
                    .json(Map.of("current_password", PASSWORD, "new_password", "whatever-long-enough"))
                    .send();
            assertThat(locked.status()).isEqualTo(429);
            assertThat(locked.header("Retry-After")).isNotBlank();
        }
    }

    @Nested
    class SessionEpochs {

        @Test
        void tokensIssuedBeforeAnAccountChangeStopWorkingEvenIfStillUnrevoked() {
            String email = uniqueEmail("epoch");
            JsonNode staff =
                    createStaff(Map.of("first_name", "Ep", "last_name", "Och", "email", email, "password", PASSWORD));
            JsonNode tokens = api.post("/api/v1/auth/login")
                    .json(Map.of("username", email, "password", PASSWORD))
                    .send()
                    .json();
            // What a password change that raced with this login leaves behind: a newer epoch, tokens not revoked.
            jdbc.sql("update staff set session_epoch = session_epoch + 1 where id = :id")
                    .param("id", staff.get("id").asLong())
                    .update();

            assertThat(api.get("/api/v1/me")
                            .token(tokens.get("access_token").asString())
                            .send()
                            .status())
                    .isEqualTo(401);
            assertThat(api.post("/api/v1/auth/refresh")
                            .json(Map.of(
                                    "refresh_token", tokens.get("refresh_token").asString()))
                            .send()
                            .status())
                    .isEqualTo(401);
        }
    }

    @Nested
    class ApiKeysAndTheirCreator {

        private String mint(String token, String... roles) {
            ApiResponse response = api.post("/api/v1/api-keys")
                    .token(token)
                    .json(Map.of("name", "Hardening " + unique(), "roles", List.of(roles)))
                    .send();
            assertThat(response.status()).as(response.body()).isEqualTo(201);
            return response.json().get("key").asString();
        }

        @Test
        void aKeyNeverHoldsMoreThanItsCreatorHoldsNow() {
            long organization = newOrganization("Key Creator");
            Member admin = member(organization, "admin");
            String key = mint(admin.token(), "admin");
            Map<String, Object> hire = Map.of("first_name", "Key", "last_name", "Hire", "email", uniqueEmail("k"));
            assertThat(api.post("/api/v1/staffs/")
                            .header("X-Api-Key", key)
                            .json(hire)
                            .send()
                            .status())
                    .isEqualTo(201);

            api.patch("/api/v1/staffs/" + admin.id())
                    .token(superadminToken())
                    .json(Map.of("roles", List.of("member")))
                    .send();

            Map<String, Object> another = Map.of("first_name", "Key", "last_name", "Hire", "email", uniqueEmail("k"));
            assertThat(api.post("/api/v1/staffs/")
                            .header("X-Api-Key", key)
                            .json(another)
                            .send()
                            .status())
                    .isEqualTo(403);
            assertThat(api.get("/api/v1/staffs/")
                            .header("X-Api-Key", key)
                            .send()
                            .status())
                    .isEqualTo(200);
        }

        @Test
        void aKeyDiesWithItsCreatorsDeactivation() {
            long organization = newOrganization("Key Creator");
            Member admin = member(organization, "admin");
            String key = mint(admin.token(), "admin");

            api.delete("/api/v1/staffs/" + admin.id()).token(superadminToken()).send();

            assertThat(api.get("/api/v1/staffs/")
                            .header("X-Api-Key", key)
                            .send()
                            .status())
                    .isEqualTo(401);
        }

        @Test
        void aKeyCannotChangeItsCreatorsRolesOrDeactivateThem() {
            long organization = newOrganization("Key Creator");
            Member admin = member(organization, "admin");
            String key = mint(admin.token(), "admin");

            ApiResponse roles = api.patch("/api/v1/staffs/" + admin.id())
                    .header("X-Api-Key", key)
                    .json(Map.of("roles", List.of("admin", "manager")))
                    .send();
            ApiResponse deactivate = api.delete("/api/v1/staffs/" + admin.id())
                    .header("X-Api-Key", key)
                    .send();

            assertThat(roles.status()).isEqualTo(403);
            assertThat(deactivate.status()).isEqualTo(403);
        }
    }

    @Nested
    class Endpoints {

        @Test
        void aStaleCredentialDoesNotBlockLoggingOut() {
            Member member = member();
            JsonNode tokens = api.post("/api/v1/auth/login")
                    .json(Map.of("username", member.email(), "password", PASSWORD))
                    .send()
                    .json();

            ApiResponse logout = api.post("/api/v1/auth/logout")
                    .token("an-expired-or-garbage-token")
                    .json(Map.of("refresh_token", tokens.get("refresh_token").asString()))
                    .send();

            assertThat(logout.status()).isEqualTo(204);
            assertThat(api.get("/api/v1/me")
                            .token(tokens.get("access_token").asString())
                            .send()
                            .status())
                    .isEqualTo(401);
        }

        @Test
        void metricsAreForOperatorsOnly() {
            assertThat(api.get("/actuator/prometheus")
                            .token(member().token())
                            .send()
                            .status())
                    .isEqualTo(403);
            assertThat(api.get("/actuator/info")
                            .token(member("manager").token())
                            .send()
                            .status())
                    .isEqualTo(403);
            assertThat(api.get("/actuator/health").token("garbage").send().status())
                    .isEqualTo(200);
        }
    }

    @Nested
    class Roles {

        @Test
        void aCustomRoleCannotShadowABuiltInOneThroughCaseFolding() {
            Member admin = member(newOrganization("Shadow"), "admin");
            ApiResponse response = api.post("/api/v1/roles")
                    .token(admin.token())
                    .json(Map.of("name", "ADMİN", "permissions", List.of()))
                    .send();
            assertThat(response.status()).isEqualTo(409);
            assertThat(response.json().get("errors").get(0).get("field").asString())
                    .isEqualTo("name");
        }

        @Test
        void anAdminCannotStripARoleFromAnOwner() {
            long organization = newOrganization("Role Holders");
            Member admin = member(organization, "admin");
            ApiResponse role = api.post("/api/v1/roles")
                    .token(admin.token())
                    .json(Map.of("name", "Shift lead " + unique(), "permissions", List.of("staff:read")))
                    .send();
            String roleName = role.json().get("name").asString();
            long roleId = role.json().get("id").asLong();
            createStaff(Map.of(
                    "organization",
                    organization,
                    "first_name",
                    "Olive",
                    "last_name",
                    "Owner",
                    "email",
                    uniqueEmail("owner"),
                    "roles",
                    List.of("owner", roleName)));

            ApiResponse delete = api.delete("/api/v1/roles/" + roleId + "?force=true")
                    .token(admin.token())
                    .send();
            ApiResponse change = api.patch("/api/v1/roles/" + roleId)
                    .token(admin.token())
                    .json(Map.of("permissions", List.of()))
                    .send();

            assertThat(delete.status()).isEqualTo(403);
            assertThat(change.status()).isEqualTo(403);
            assertThat(jdbc.sql("select count(*) from staff_roles where role_id = :id")
                            .param("id", roleId)
                            .query(Long.class)
                            .single())
                    .isEqualTo(1);
        }
    }
}
