package com.staffkit.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.staffkit.support.ApiResponse;
import com.staffkit.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

/** Passwords, tokens and key secrets appear in exactly one response each, and in no log line. */
@ExtendWith(OutputCaptureExtension.class)
class SecretsNeverLeakTests extends IntegrationTest {

    @Test
    void noSecretReachesTheLogOrAnyOtherResponse(CapturedOutput output) {
        List<String> secrets = new ArrayList<>();
        List<ApiResponse> otherResponses = new ArrayList<>();
        String email = uniqueEmail("secret");
        String password = "a-very-secret-password-" + unique();
        secrets.add(password);

        JsonNode created = createStaff(Map.of(
                "first_name",
                "Sec",
                "last_name",
                "Ret",
                "email",
                email,
                "password",
                password,
                "roles",
                List.of("admin")));
        ApiResponse generated = api.post("/api/v1/staffs/")
                .token(superadminToken())
                .json(Map.of(
                        "first_name",
                        "Gen",
                        "last_name",
                        "Erated",
                        "email",
                        uniqueEmail("gen"),
                        "generate_password",
                        true))
                .send();
        secrets.add(generated.json().get("generated_password").asString());

        JsonNode login = api.post("/api/v1/auth/login")
                .json(Map.of("username", email, "password", password))
                .send()
                .json();
        String access = login.get("access_token").asString();
        secrets.add(access);
        secrets.add(login.get("refresh_token").asString());
        JsonNode refreshed = api.post("/api/v1/auth/refresh")
                .json(Map.of("refresh_token", login.get("refresh_token").asString()))
                .send()
                .json();
        secrets.add(refreshed.get("access_token").asString());
        secrets.add(refreshed.get("refresh_token").asString());

        ApiResponse key = api.post("/api/v1/api-keys")
                .token(refreshed.get("access_token").asString())
                .json(Map.of("name", "Leak check", "roles", List.of("member")))
                .send();
        secrets.add(key.json().get("key").asString());

        // Failures and reads that must not echo anything back.
        otherResponses.add(api.post("/api/v1/auth/login")
                .json(Map.of("username", email, "password", password + "x"))
                .send());
        otherResponses.add(api.get("/api/v1/staffs/" + created.get("id").asLong())
                .token(superadminToken())
                .send());
        otherResponses.add(api.get("/api/v1/staffs/?page_size=1000")
                .token(superadminToken())
                .send());
        otherResponses.add(api.get("/api/v1/api-keys")
                .token(refreshed.get("access_token").asString())
                .send());
        otherResponses.add(api.get("/api/v1/me")
                .token(refreshed.get("access_token").asString())
                .send());
        otherResponses.add(api.get("/api/v1/staffs/").token(access).send());
        otherResponses.add(api.get("/api/v1/staffs/")
                .header("X-Api-Key", secrets.getLast() + "x")
                .send());

        for (String secret : secrets) {
            assertThat(output.getAll()).as("log output").doesNotContain(secret);
            for (ApiResponse response : otherResponses) {
                assertThat(response.body()).doesNotContain(secret);
            }
        }
        for (ApiResponse response : otherResponses) {
            assertThat(response.body()).doesNotContain("password_hash").doesNotContain("{bcrypt}");
        }
    }
}
