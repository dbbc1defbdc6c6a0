package com.staffkit.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.staffkit.support.ApiResponse;
import com.staffkit.support.IntegrationTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class AuthenticationTests extends IntegrationTest {

    @Nested
    class Login {

        @Test
        void returnsOpaqueBearerTokenForEmailOrUsernameInAnyCase() {
            String username = "login-" + unique();
            String email = uniqueEmail("Login.Case");
            createStaff(Map.of(
                    "first_name",
                    "Lena",
                    "last_name",
                    "Login",
                    "email",
                    email,
                    "username",
                    username,
                    "password",
                    PASSWORD));

            for (String identifier : List.of(email, email.toUpperCase(), username.toUpperCase())) {
                ApiResponse response = api.post("/api/v1/auth/login")
                        .json(Map.of("username", identifier, "password", PASSWORD))
                        .send();
                assertThat(response.status()).as(identifier).isEqualTo(200);
                JsonNode body = response.json();
                assertThat(body.get("token_type").asString()).isEqualTo("Bearer");
                assertThat(body.get("expires_in").asLong()).isEqualTo(900);
                assertThat(body.get("access_token").asString()).hasSizeGreaterThanOrEqualTo(43);
                assertThat(response.header("Cache-Control")).contains("no-store");
                assertThat(response.body()).doesNotContain(PASSWORD);
            }
        }

        @Test
        void tokenIsStoredOnlyAsHash() {
            String token = member().token();
            Long plain = jdbc.sql("select count(*) from access_tokens where encode(token_hash, 'escape') = :token")
                    .param("token", token)
                    .query(Long.class)
                    .single();
            assertThat(plain).isZero();
        }

        @Test
        void recordsLastLogin() {
            Member member = member();
            ApiResponse me = api.get("/api/v1/staffs/" + member.id())
                    .token(member.token())
                    .send();
            assertThat(me.json().get("last_login").isNull()).isFalse();
        }

        @Test
        void wrongPasswordUnknownUserInactiveWorkerAndPendingGetTheSame401() {
            String inactive = uniqueEmail("inactive");
            createStaff(Map.of(
                    "first_name",
                    "In",
                    "last_name",
                    "Active",
                    "email",
                    inactive,
                    "password",
                    PASSWORD,
                    "is_active",
                    false));
            String worker = uniqueEmail("worker");
            createStaff(Map.of(
                    "first_name",
                    "Wo",
                    "last_name",
                    "Rker",
                    "email",
                    worker,
                    "password",
                    PASSWORD,
                    "roles",
                    List.of("worker")));
            String pending = uniqueEmail("pending");
            createStaff(Map.of("first_name", "Pen", "last_name", "Ding", "email", pending));
            Member known = member();

            List<ApiResponse> responses = List.of(
                    attempt(known.email(), "wrong-password-123"),
                    attempt(uniqueEmail("nobody"), PASSWORD),
                    attempt(inactive, PASSWORD),
                    attempt(worker, PASSWORD),
                    attempt(pending, PASSWORD));

            for (ApiResponse response : responses) {
                assertThat(response.status()).isEqualTo(401);
                assertThat(response.contentType()).startsWith("application/problem+json");
                assertThat(response.body()).isEqualTo(responses.getFirst().body());
            }
            JsonNode problem = responses.getFirst().json();
            assertThat(problem.get("type").asString()).endsWith("/invalid-credentials");
            assertThat(problem.get("title").asString()).isEqualTo("Invalid credentials");
            assertThat(problem.get("status").asInt()).isEqualTo(401);
        }

        @Test
        void missingFieldsAre400() {
            ApiResponse response =
                    api.post("/api/v1/auth/login").json(Map.of("username", "x")).send();
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.json().get("errors").get(0).get("field").asString())
                    .isEqualTo("password");
        }

        private ApiResponse attempt(String username, String password) {
            return api.post("/api/v1/auth/login")
                    .json(Map.of("username", username, "password", password))
                    .send();
        }
    }

    @Nested
    class BearerTokens {

        @Test
        void missingTokenIs401WithChallenge() {
            ApiResponse response = api.get("/api/v1/staffs/").send();
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.json().get("title").asString()).isEqualTo("Authentication required");
        }

        @Test
        void unknownTokenIs401WithInvalidTokenChallenge() {
            ApiResponse response =
                    api.get("/api/v1/staffs/").token("not-a-real-token").send();
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.header("WWW-Authenticate")).contains("error=\"invalid_token\"");
        }

        @Test
        void expiredTokenIs401() {
            Member member = member();
            jdbc.sql("update access_tokens set expires_at = now() - interval '1 second' where staff_id = :id")
                    .param("id", member.id())
                    .update();
            assertThat(api.get("/api/v1/staffs/").token(member.token()).send().status())
                    .isEqualTo(401);
        }
    }

    @Nested
    class PublicAndProtectedEndpoints {

        @Test
        void healthAndProbesArePublic() {
            for (String path : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")) {
                ApiResponse response = api.get(path).send();
                assertThat(response.status()).as(path).isEqualTo(200);
                assertThat(response.json().get("status").asString()).isEqualTo("UP");
            }
        }

        @Test
        void apiDocsAndSwaggerUiArePublic() {
            ApiResponse docs = api.get("/v3/api-docs").send();
            assertThat(docs.status()).isEqualTo(200);
            JsonNode openApi = docs.json();
            assertThat(openApi.at("/components/securitySchemes/bearer/scheme").asString())
                    .isEqualTo("bearer");
            assertThat(openApi.at("/paths/~1api~1v1~1staffs/get/summary").asString())
                    .isNotBlank();
            assertThat(openApi.at("/paths/~1api~1v1~1staffs/post/responses/409").isMissingNode())
                    .isFalse();
            assertThat(api.get("/swagger-ui.html").send().status()).isIn(200, 302);
            assertThat(api.get("/swagger-ui/index.html").send().status()).isEqualTo(200);
        }

        @Test
        void prometheusAndInfoNeedAuthentication() {
            assertThat(api.get("/actuator/prometheus").send().status()).isEqualTo(401);
            assertThat(api.get("/actuator/info").send().status()).isEqualTo(401);
            ApiResponse prometheus =
                    api.get("/actuator/prometheus").token(superadminToken()).send();
            assertThat(prometheus.status()).isEqualTo(200);
            assertThat(prometheus.body()).contains("jvm_memory_used_bytes");
            assertThat(api.get("/actuator/info").token(superadminToken()).send().status())
                    .isEqualTo(200);
        }
    }
}
