package com.staffkit.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.staffkit.support.ApiResponse;
import com.staffkit.support.IntegrationTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The attacker's probe beyond the account takeover, one nested class per finding: each reproduces
 * the probe over HTTP and asserts the refusal, the body and what the database kept.
 */
class AttackerProbeHardeningTests extends IntegrationTest {

    @Nested
    class ServiceWideMetrics {

        @Test
        void ownersAndAdminsOfAFranchiseeCannotReadServiceWideMetrics() {
            long franchisee = newOrganization("Metrics Franchisee");
            for (String role : List.of("owner", "admin")) {
                String token = member(franchisee, role).token();
                for (String path : List.of("/actuator/prometheus", "/actuator/info")) {
                    ApiResponse response = api.get(path).token(token).send();

                    assertThat(response.status()).as(role + " " + path).isEqualTo(403);
                    assertThat(response.json().get("type").asString()).endsWith("/forbidden");
                    assertThat(response.body()).doesNotContain("http_server_requests");
                }
            }
        }

        @Test
        void anAdminKeyCannotReadThemEither() {
            Member owner = member(newOrganization("Metrics Key Org"), "owner");
            String key = api.post("/api/v1/api-keys")
                    .token(owner.token())
                    .json(Map.of("name", "Monitoring " + unique(), "roles", List.of("owner")))
                    .send()
                    .json(201)
                    .get("key")
                    .asString();

            assertThat(api.get("/actuator/prometheus")
                            .header("X-Api-Key", key)
                            .send()
                            .status())
                    .isEqualTo(403);
        }

        @Test
        void theSuperadminReadsThem() {
            ApiResponse response =
                    api.get("/actuator/prometheus").token(superadminToken()).send();

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body()).contains("http_server_requests");
        }

        @Test
        void noCustomRoleCarriesTheServiceWidePermissionNotEvenOneTheSuperadminCreates() {
            long franchisee = newOrganization("Metrics Role Org");
            String name = "Operator " + unique();

            ApiResponse response = api.post("/api/v1/roles")
                    .token(superadminToken())
                    .json(Map.of("name", name, "organization", franchisee, "permissions", List.of("service:metrics")))
                    .send();

            assertThat(response.status()).as(response.body()).isEqualTo(400);
            assertThat(response.json().get("errors").get(0).get("field").asString())
                    .isEqualTo("permissions");
            assertThat(jdbc.sql("select count(*) from roles where name = :name")
                            .param("name", name)
                            .query(Long.class)
                            .single())
                    .isZero();
        }
    }
}
