package com.staffkit.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.staffkit.support.ApiResponse;
import com.staffkit.support.IntegrationTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Sessions end exactly when they should, on every instance: the checks all read the database. */
class SessionTests extends IntegrationTest {

    private record Session(String email, long id, String accessToken, String refreshToken) {}

    private Session newSession(String... roles) {
        String email = uniqueEmail("session");
        JsonNode staff = createStaff(Map.of(
                "first_name",
                "Sam",
                "last_name",
                "Session",
                "email",
                email,
                "roles",
                roles.length == 0 ? List.of("member") : List.of(roles),
                "password",
                PASSWORD));
        JsonNode tokens = loginBody(email, PASSWORD);
        return new Session(
                email,
                staff.get("id").asLong(),
                tokens.get("access_token").asString(),
                tokens.get("refresh_token").asString());
    }

    private JsonNode loginBody(String username, String password) {
        return api.post("/api/v1/auth/login")
                .json(Map.of("username", username, "password", password))
                .send()
                .json(200);
    }

    private ApiResponse refresh(String refreshToken) {
        return api.post("/api/v1/auth/refresh")
                .json(Map.of("refresh_token", refreshToken))
                .send();
    }

    private int meStatus(String accessToken) {
        return api.get("/api/v1/me").token(accessToken).send().status();
    }

    @Nested
    class Refresh {

        @Test
        void loginReturnsRefreshTokenAndRefreshRotatesIt() {
            Session session = newSession();

            ApiResponse refreshed = refresh(session.refreshToken());

            assertThat(refreshed.status()).isEqualTo(200);
            JsonNode body = refreshed.json();
            assertThat(body.get("token_type").asString()).isEqualTo("Bearer");
            assertThat(body.get("refresh_token").asString()).isNotEqualTo(session.refreshToken());
            assertThat(body.get("access_token").asString()).isNotEqualTo(session.accessToken());
            assertThat(refreshed.header("Cache-Control")).contains("no-store");
            assertThat(meStatus(body.get("access_token").asString())).isEqualTo(200);
        }

        @Test
        void reusingAnOldRefreshTokenRevokesTheWholeChain() {
            Session session = newSession();
            JsonNode second = refresh(session.refreshToken()).json();

            ApiResponse replay = refresh(session.refreshToken());

            assertThat(replay.status()).isEqualTo(401);
            assertThat(replay.json().get("type").asString()).endsWith("/invalid-refresh-token");
            assertThat(refresh(second.get("refresh_token").asString()).status()).isEqualTo(401);
            assertThat(meStatus(second.get("access_token").asString())).isEqualTo(401);
            assertThat(meStatus(session.accessToken())).isEqualTo(401);
        }

        @Test
        void unknownRefreshTokenIs401() {
            assertThat(refresh("no-such-token").status()).isEqualTo(401);
        }

        @Test
        void refreshTokensAreStoredOnlyAsHashes() {
            Session session = newSession();
            Long plain = jdbc.sql("select count(*) from refresh_tokens where encode(token_hash, 'escape') like :token")
                    .param("token", "%" + session.refreshToken() + "%")
                    .query(Long.class)
                    .single();
            assertThat(plain).isZero();
        }
    }

    @Nested
    class Logout {

        @Test
        void logoutRevokesRefreshAndAccessTokensOfTheSession() {
            Session session = newSession();

            ApiResponse logout = api.post("/api/v1/auth/logout")
                    .json(Map.of("refresh_token", session.refreshToken()))
                    .send();

            assertThat(logout.status()).isEqualTo(204);
            assertThat(refresh(session.refreshToken()).status()).isEqualTo(401);
            assertThat(meStatus(session.accessToken())).isEqualTo(401);
        }

        @Test
        void logoutOfOneSessionLeavesOthersAlone() {
            Session first = newSession();
            JsonNode second = loginBody(first.email(), PASSWORD);

            api.post("/api/v1/auth/logout")
                    .json(Map.of("refresh_token", first.refreshToken()))
                    .send();

            assertThat(meStatus(second.get("access_token").asString())).isEqualTo(200);
        }
    }

    @Nested
    class Revocation {

        @Test
        void deactivationEndsEverySessionOnTheNextRequest() {
            Session session = newSession();
            assertThat(meStatus(session.accessToken())).isEqualTo(200);

            assertThat(api.delete("/api/v1/staffs/" + session.id())
                            .token(superadminToken())
                            .send()
                            .status())
                    .isEqualTo(204);

            assertThat(meStatus(session.accessToken())).isEqualTo(401);
            assertThat(refresh(session.refreshToken()).status()).isEqualTo(401);
        }

        @Test
        void reactivationDoesNotRessurrectOldTokens() {
            Session session = newSession();
            api.delete("/api/v1/staffs/" + session.id())
                    .token(superadminToken())
                    .send();

            api.patch("/api/v1/staffs/" + session.id())
                    .token(superadminToken())
                    .json(Map.of("is_active", true))
                    .send();

            assertThat(meStatus(session.accessToken())).isEqualTo(401);
            assertThat(refresh(session.refreshToken()).status()).isEqualTo(401);
            assertThat(loginBody(session.email(), PASSWORD).get("access_token").asString())
                    .isNotBlank();
        }

        @Test
        void roleChangeEndsEverySession() {
            Session session = newSession("manager");

            ApiResponse change = api.patch("/api/v1/staffs/" + session.id())
                    .token(superadminToken())
                    .json(Map.of("roles", List.of("member")))
                    .send();

            assertThat(change.status()).isEqualTo(200);
            assertThat(meStatus(session.accessToken())).isEqualTo(401);
            assertThat(refresh(session.refreshToken()).status()).isEqualTo(401);
        }

        @Test
        void profileChangeWithoutRoleChangeKeepsSessions() {
            Session session = newSession();

            api.patch("/api/v1/staffs/" + session.id())
                    .token(superadminToken())
                    .json(Map.of("job_title", "Lead"))
                    .send();

            assertThat(meStatus(session.accessToken())).isEqualTo(200);
        }
    }

    @Nested
    class Me {

        @Test
        void returnsOwnRepresentationAndPermissions() {
            Session session = newSession("manager");

            ApiResponse me = api.get("/api/v1/me/").token(session.accessToken()).send();

            assertThat(me.status()).isEqualTo(200);
            JsonNode body = me.json();
            assertThat(body.get("id").asLong()).isEqualTo(session.id());
            assertThat(body.get("email").asString()).isEqualTo(session.email());
            assertThat(body.get("roles").get(0).asString()).isEqualTo("manager");
            assertThat(body.get("permissions")
                            .valueStream()
                            .map(JsonNode::asString)
                            .toList())
                    .containsExactly("staff:read", "staff:write", "stores:read", "teams:read", "teams:write");
        }

        @Test
        void changingPasswordEndsEverySessionAndTheNewOneWorks() {
            Session session = newSession();
            String newPassword = "a-brand-new-passphrase";

            ApiResponse change = api.post("/api/v1/me/password")
                    .token(session.accessToken())
                    .json(Map.of("current_password", PASSWORD, "new_password", newPassword))
                    .send();

            assertThat(change.status()).isEqualTo(204);
            assertThat(meStatus(session.accessToken())).isEqualTo(401);
            assertThat(refresh(session.refreshToken()).status()).isEqualTo(401);
            assertThat(attempt(session.email(), PASSWORD).status()).isEqualTo(401);
            assertThat(attempt(session.email(), newPassword).status()).isEqualTo(200);
        }

        @Test
        void wrongCurrentPasswordIs400AndChangesNothing() {
            Session session = newSession();

            ApiResponse change = api.post("/api/v1/me/password")
                    .token(session.accessToken())
                    .json(Map.of("current_password", "not-my-password", "new_password", "another-long-one"))
                    .send();

            assertThat(change.status()).isEqualTo(400);
            assertThat(change.json().get("errors").get(0).get("field").asString())
                    .isEqualTo("current_password");
            assertThat(meStatus(session.accessToken())).isEqualTo(200);
        }

        @Test
        void passwordPolicyIsEnforcedWithTheReason() {
            Session session = newSession();
            for (String bad : List.of("short", "x".repeat(129), session.email().toUpperCase())) {
                ApiResponse change = api.post("/api/v1/me/password")
                        .token(session.accessToken())
                        .json(Map.of("current_password", PASSWORD, "new_password", bad))
                        .send();
                assertThat(change.status()).as(bad).isEqualTo(400);
                assertThat(change.json().get("errors").get(0).get("field").asString())
                        .isEqualTo("new_password");
                assertThat(change.json().get("detail").asString()).isNotBlank();
            }
            assertThat(meStatus(session.accessToken())).isEqualTo(200);
        }
    }

    @Nested
    class Lockout {

        @Test
        void fiveFailuresLockTheAccountFor15MinutesWith429() {
            Session session = newSession();
            for (int i = 0; i < 5; i++) {
                assertThat(attempt(session.email(), "wrong-password-" + i).status())
                        .isEqualTo(401);
            }

            ApiResponse locked = attempt(session.email(), PASSWORD);

            assertThat(locked.status()).isEqualTo(429);
            assertThat(locked.contentType()).startsWith("application/problem+json");
            assertThat(Long.parseLong(locked.header("Retry-After"))).isBetween(890L, 900L);
            assertThat(attempt(session.email().toUpperCase(), PASSWORD).status())
                    .isEqualTo(429);
        }

        @Test
        void unknownAccountsLockTheSameWaySoNothingLeaks() {
            String nobody = uniqueEmail("nobody");
            for (int i = 0; i < 5; i++) {
                assertThat(attempt(nobody, "wrong-password-" + i).status()).isEqualTo(401);
            }
            assertThat(attempt(nobody, PASSWORD).status()).isEqualTo(429);
        }

        @Test
        void lockExpiresAndSuccessResetsTheCount() {
            Session session = newSession();
            for (int i = 0; i < 5; i++) {
                attempt(session.email(), "wrong-password-" + i);
            }
            jdbc.sql("""
                            update rate_limits set locked_until = now() - interval '1 second',
                                   window_started_at = now() - interval '16 minutes'
                            where key in ('login:' || lower(:email), 'login:account:' || :id)""")
                    .param("email", session.email())
                    .param("id", session.id())
                    .update();

            assertThat(attempt(session.email(), PASSWORD).status()).isEqualTo(200);
            assertThat(jdbc.sql("select count(*) from rate_limits where key = 'login:' || lower(:email)")
                            .param("email", session.email())
                            .query(Long.class)
                            .single())
                    .isZero();
        }

        @Test
        void failuresCountInTheDatabase() {
            Session session = newSession();
            attempt(session.email(), "wrong-password-1");
            attempt(session.email(), "wrong-password-2");

            Integer failures = jdbc.sql("select hits from rate_limits where key = 'login:' || lower(:email)")
                    .param("email", session.email())
                    .query(Integer.class)
                    .single();
            assertThat(failures).isEqualTo(2);
        }
    }

    @Nested
    class Headers {

        @Test
        void responsesCarrySecurityHeaders() {
            Session session = newSession();
            ApiResponse response =
                    api.get("/api/v1/staffs/").token(session.accessToken()).send();

            assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(response.header("X-Frame-Options")).isEqualTo("DENY");
            assertThat(response.header("Cache-Control")).contains("no-store");
        }

        @Test
        void corsIsOffByDefault() {
            ApiResponse preflight = api.options("/api/v1/staffs/")
                    .header("Origin", "https://evil.example")
                    .header("Access-Control-Request-Method", "GET")
                    .send();

            assertThat(preflight.header("Access-Control-Allow-Origin")).isNull();
            ApiResponse simple = api.get("/api/v1/staffs/")
                    .token(newSession().accessToken())
                    .header("Origin", "https://evil.example")
                    .send();
            assertThat(simple.header("Access-Control-Allow-Origin")).isNull();
        }
    }

    private ApiResponse attempt(String username, String password) {
        return api.post("/api/v1/auth/login")
                .json(Map.of("username", username, "password", password))
                .send();
    }
}
