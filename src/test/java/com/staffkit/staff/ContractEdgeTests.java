package com.staffkit.staff;

import static org.assertj.core.api.Assertions.assertThat;

import com.staffkit.support.ApiResponse;
import com.staffkit.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Places where a client written against the contract would trip if they slipped. */
class ContractEdgeTests extends IntegrationTest {

    @Nested
    class ApiDocs {

        @Test
        void schemasAreSnakeCaseLikeTheJson() {
            JsonNode schemas =
                    api.get("/v3/api-docs").send().json().get("components").get("schemas");
            assertThat(schemas.get("Staff").get("properties").has("first_name")).isTrue();
            assertThat(schemas.get("LoginResponse").get("properties").has("access_token"))
                    .isTrue();
            List<String> camelCase = new ArrayList<>();
            for (var schema : schemas.properties()) {
                JsonNode properties = schema.getValue().get("properties");
                if (properties != null) {
                    for (var property : properties.properties()) {
                        if (!property.getKey().equals(property.getKey().toLowerCase())) {
                            camelCase.add(schema.getKey() + "." + property.getKey());
                        }
                    }
                }
            }
            assertThat(camelCase).isEmpty();
        }

        @Test
        void everyOperationHasASummaryAndItsErrors() {
            JsonNode paths = api.get("/v3/api-docs").send().json().get("paths");
            for (var path : paths.properties()) {
                for (var operation : path.getValue().properties()) {
                    String name = operation.getKey() + " " + path.getKey();
                    assertThat(operation.getValue().path("summary").asString())
                            .as(name)
                            .isNotBlank();
                    assertThat(operation.getValue().get("responses").has("400"))
                            .as(name)
                            .isTrue();
                }
            }
            assertThat(paths.at("/~1api~1v1~1staffs~1lookup/get/responses/404").isMissingNode())
                    .isFalse();
            assertThat(paths.at("/~1api~1v1~1auth~1login/post/responses/429").isMissingNode())
                    .isFalse();
            assertThat(paths.at("/~1api~1v1~1activation/post/responses/410").isMissingNode())
                    .isFalse();
        }
    }

    @Nested
    class Authentication {

        @Test
        void failedLoginCarriesAChallenge() {
            ApiResponse response = api.post("/api/v1/auth/login")
                    .json(Map.of("username", uniqueEmail("nobody"), "password", "wrong-password"))
                    .send();
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
        }

        @Test
        void guessesThroughUsernameAndEmailShareOneLimit() {
            String email = uniqueEmail("both");
            String username = "both-" + unique();
            createStaff(Map.of(
                    "first_name", "B", "last_name", "Oth", "email", email, "username", username, "password", PASSWORD));
            for (int i = 0; i < 3; i++) {
                api.post("/api/v1/auth/login")
                        .json(Map.of("username", email, "password", "wrong-" + i))
                        .send();
                api.post("/api/v1/auth/login")
                        .json(Map.of("username", username, "password", "wrong-" + i))
                        .send();
            }
            ApiResponse locked = api.post("/api/v1/auth/login")
                    .json(Map.of("username", username, "password", PASSWORD))
                    .send();
            assertThat(locked.status()).isEqualTo(429);
        }
    }

    @Nested
    class Staff {

        @Test
        void timeZoneMustBeAnIanaName() {
            for (String zone : List.of("+03:00", "UTC+3", "GMT+1", "Mars/Olympus")) {
                ApiResponse response = api.post("/api/v1/staffs/")
                        .token(superadminToken())
                        .json(Map.of(
                                "first_name", "T", "last_name", "Z", "email", uniqueEmail("tz"), "time_zone", zone))
                        .send();
                assertThat(response.status()).as(zone).isEqualTo(400);
                assertThat(response.json().get("errors").get(0).get("field").asString())
                        .isEqualTo("time_zone");
            }
        }

        @Test
        void whatAClientReadItCanPutBack() {
            long organization = newOrganization("Round Trip");
            long store = api.post("/api/v1/stores")
                    .token(superadminToken())
                    .json(Map.of("organization", organization, "name", "Echo store"))
                    .send()
                    .json()
                    .get("id")
                    .asLong();
            ApiResponse created = api.post("/api/v1/staffs/")
                    .token(superadminToken())
                    .json(Map.of(
                            "organization",
                            organization,
                            "first_name",
                            "Echo",
                            "last_name",
                            "Back",
                            "email",
                            uniqueEmail("echo"),
                            "retail_stores",
                            List.of(store),
                            "generate_password",
                            true))
                    .send();
            assertThat(created.status()).isEqualTo(201);
            long id = created.json().get("id").asLong();

            ApiResponse put = api.put("/api/v1/staffs/" + id + "/")
                    .token(superadminToken())
                    .json(created.body())
                    .send();

            assertThat(put.status()).as(put.body()).isEqualTo(200);
            assertThat(put.json().get("retail_stores").get(0).get("id").asLong())
                    .isEqualTo(store);
            assertThat(put.body()).doesNotContain("generated_password");
        }

        @Test
        void forceDeletingARoleNeverLeavesStaffWithoutARole() {
            long organization = newOrganization("Last Role");
            Member admin = member(organization, "admin");
            String roleName = "Only role " + unique();
            long roleId = api.post("/api/v1/roles")
                    .token(admin.token())
                    .json(Map.of("name", roleName, "permissions", List.of("staff:read")))
                    .send()
                    .json()
                    .get("id")
                    .asLong();
            long staffId = createStaff(Map.of(
                            "organization",
                            organization,
                            "first_name",
                            "Solo",
                            "last_name",
                            "Role",
                            "email",
                            uniqueEmail("solo"),
                            "roles",
                            List.of(roleName)))
                    .get("id")
                    .asLong();

            assertThat(api.delete("/api/v1/roles/" + roleId + "?force=true")
                            .token(admin.token())
                            .send()
                            .status())
                    .isEqualTo(204);

            JsonNode staff = api.get("/api/v1/staffs/" + staffId)
                    .token(admin.token())
                    .send()
                    .json();
            assertThat(staff.get("roles").valueStream().map(JsonNode::asString).toList())
                    .containsExactly("member");
        }
    }

    @Nested
    class Stores {

        @Test
        void countryMustBeAnAssignedIsoCode() {
            ApiResponse response = api.post("/api/v1/stores")
                    .token(superadminToken())
                    .json(Map.of("name", "Nowhere", "address", Map.of("country", "ZZ")))
                    .send();
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.json().get("errors").get(0).get("field").asString())
                    .startsWith("address");
        }

        @Test
        void deactivatingAStoreClearsItAsAnyonesCurrentStore() {
            long organization = newOrganization("Closing Store");
            long store = api.post("/api/v1/stores")
                    .token(superadminToken())
                    .json(Map.of("organization", organization, "name", "Closing"))
                    .send()
                    .json()
                    .get("id")
                    .asLong();
            String email = uniqueEmail("clerk");
            long staffId = createStaff(Map.of(
                            "organization",
                            organization,
                            "first_name",
                            "Cl",
                            "last_name",
                            "Erk",
                            "email",
                            email,
                            "retail_stores",
                            List.of(store),
                            "password",
                            PASSWORD))
                    .get("id")
                    .asLong();
            ApiResponse login = api.post("/api/v1/auth/login")
                    .json(Map.of("username", email, "password", PASSWORD, "store", store))
                    .send();
            assertThat(login.status()).isEqualTo(200);

            api.delete("/api/v1/stores/" + store).token(superadminToken()).send();

            JsonNode staff = api.get("/api/v1/staffs/" + staffId)
                    .token(superadminToken())
                    .send()
                    .json();
            assertThat(staff.get("current_store").isNull()).isTrue();
        }

        @Test
        void pendingStaffCanBeListedAlone() {
            long organization = newOrganization("Pending List");
            createStaff(Map.of(
                    "organization", organization, "first_name", "Pen", "last_name", "Ding", "email", uniqueEmail("p")));
            createStaff(Map.of(
                    "organization",
                    organization,
                    "first_name",
                    "Act",
                    "last_name",
                    "Ive",
                    "email",
                    uniqueEmail("a"),
                    "password",
                    PASSWORD));
            JsonNode pending = api.get("/api/v1/staffs/?has_activated=false&organization=" + organization)
                    .token(superadminToken())
                    .send()
                    .json();
            assertThat(pending.get("results")
                            .valueStream()
                            .map(s -> s.get("last_name").asString())
                            .toList())
                    .containsExactly("Ding");
        }
    }

    @Nested
    class StoreScopedManagers {

        @Test
        void cannotManageTeamMembershipOfStaffTheyCannotSee() {
            long organization = newOrganization("Scoped Teams");
            long mine = api.post("/api/v1/stores")
                    .token(superadminToken())
                    .json(Map.of("organization", organization, "name", "Mine"))
                    .send()
                    .json()
                    .get("id")
                    .asLong();
            long other = api.post("/api/v1/stores")
                    .token(superadminToken())
                    .json(Map.of("organization", organization, "name", "Other"))
                    .send()
                    .json()
                    .get("id")
                    .asLong();
            String manager = storeScopedManager(organization, List.of(mine)).token();
            long hidden = createStaff(Map.of(
                            "organization",
                            organization,
                            "first_name",
                            "Hid",
                            "last_name",
                            "Den",
                            "email",
                            uniqueEmail("hidden"),
                            "retail_stores",
                            List.of(other)))
                    .get("id")
                    .asLong();
            long team = api.post("/api/teams")
                    .token(manager)
                    .json(Map.of("name", "Scoped team"))
                    .send()
                    .json()
                    .get("id")
                    .asLong();

            assertThat(api.put("/api/teams/" + team + "/members/" + hidden)
                            .token(manager)
                            .send()
                            .status())
                    .isEqualTo(404);
            ApiResponse bulk = api.post("/api/teams/" + team + "/members")
                    .token(manager)
                    .json(Map.of("staff_ids", List.of(hidden)))
                    .send();
            assertThat(bulk.status()).isEqualTo(400);
            assertThat(jdbc.sql("select count(*) from team_members where team_id = :t")
                            .param("t", team)
                            .query(Long.class)
                            .single())
                    .isZero();
        }
    }
}
