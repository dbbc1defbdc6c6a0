package com.staffkit.staff;

import static org.assertj.core.api.Assertions.assertThat;

import com.staffkit.support.ApiResponse;
import com.staffkit.support.IntegrationTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A caller only ever sees its own organization: another one's rows answer exactly like missing ones. */
class TenantIsolationTests extends IntegrationTest {

    private long organizationA;
    private long organizationB;
    private Member adminOfA;
    private JsonNode staffOfB;
    private String surname;

    @BeforeEach
    void twoOrganizations() {
        organizationA = newOrganization("Alpha Retail");
        organizationB = newOrganization("Beta Care");
        adminOfA = member(organizationA, "admin");
        surname = "Tenant" + unique().replace("-", "");
        staffOfB = createStaff(Map.of(
                "organization",
                organizationB,
                "first_name",
                "Bea",
                "last_name",
                surname,
                "email",
                uniqueEmail("bea"),
                "username",
                "bea-" + unique(),
                "remote_id",
                "remote-" + unique()));
    }

    @Test
    void readingAnotherOrganizationsStaffIs404LikeAMissingOne() {
        ApiResponse foreign = api.get("/api/v1/staffs/" + staffOfB.get("id").asLong() + "/")
                .token(adminOfA.token())
                .send();
        ApiResponse missing =
                api.get("/api/v1/staffs/999999999/").token(adminOfA.token()).send();

        assertThat(foreign.status()).isEqualTo(404);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(foreign.json().get("title")).isEqualTo(missing.json().get("title"));
        assertThat(foreign.body()).doesNotContain(surname);
    }

    @Test
    void writingAnotherOrganizationsStaffIs404AndChangesNothing() {
        long id = staffOfB.get("id").asLong();
        Map<String, Object> replacement =
                Map.of("first_name", "Hacked", "last_name", "Name", "email", uniqueEmail("x"));

        assertThat(api.put("/api/v1/staffs/" + id)
                        .token(adminOfA.token())
                        .json(replacement)
                        .send()
                        .status())
                .isEqualTo(404);
        assertThat(api.patch("/api/v1/staffs/" + id)
                        .token(adminOfA.token())
                        .json(Map.of("first_name", "Hacked"))
                        .send()
                        .status())
                .isEqualTo(404);
        assertThat(api.delete("/api/v1/staffs/" + id)
                        .token(adminOfA.token())
                        .send()
                        .status())
                .isEqualTo(404);

        Map<String, Object> row = jdbc.sql("select first_name, is_active from staff where id = :id")
                .param("id", id)
                .query()
                .singleRow();
        assertThat(row).containsEntry("first_name", "Bea").containsEntry("is_active", true);
    }

    @Test
    void listingNeverShowsAnotherOrganizationsStaff() {
        ApiResponse bySearch = api.get("/api/v1/staffs/?search=" + surname.toLowerCase())
                .token(adminOfA.token())
                .send();
        ApiResponse byOrganization = api.get("/api/v1/staffs/?organization=" + organizationB)
                .token(adminOfA.token())
                .send();
        ApiResponse everything = api.get("/api/v1/staffs/?page_size=1000")
                .token(adminOfA.token())
                .send();

        assertThat(bySearch.json().get("count").asLong()).isZero();
        assertThat(byOrganization.json().get("count").asLong()).isZero();
        for (JsonNode staff : everything.json().get("results")) {
            assertThat(staff.get("organization").asLong()).isEqualTo(organizationA);
        }
    }

    @Test
    void lookupOfAnotherOrganizationsStaffIs404() {
        for (String query : List.of(
                "email=" + staffOfB.get("email").asString(),
                "username=" + staffOfB.get("username").asString(),
                "key=" + staffOfB.get("key").asString(),
                "remote_id=" + staffOfB.get("remote_id").asString())) {
            ApiResponse response = api.get("/api/v1/staffs/lookup?" + query)
                    .token(adminOfA.token())
                    .send();
            assertThat(response.status()).as(query).isEqualTo(404);
        }
    }

    @Test
    void serviceUserIsTheCallersOwnAndAnotherOrganizationsIs404() {
        ApiResponse own =
                api.get("/api/v1/staffs/service-user").token(adminOfA.token()).send();
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.json().get("organization").asLong()).isEqualTo(organizationA);
        assertThat(own.json().get("roles").get(0).asString()).isEqualTo("worker");

        ApiResponse foreign = api.get("/api/v1/staffs/service-user?organization=" + organizationB)
                .token(adminOfA.token())
                .send();
        assertThat(foreign.status()).isEqualTo(404);
    }

    @Test
    void creatingStaffInAnotherOrganizationIsRefused() {
        String email = uniqueEmail("intruder");
        ApiResponse response = api.post("/api/v1/staffs/")
                .token(adminOfA.token())
                .json(Map.of("organization", organizationB, "first_name", "In", "last_name", "Truder", "email", email))
                .send();

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("organization");
        assertThat(jdbc.sql("select count(*) from staff where lower(email) = lower(:email)")
                        .param("email", email)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void staffCreatedByAnAdminBelongToTheAdminsOrganization() {
        ApiResponse response = api.post("/api/v1/staffs/")
                .token(adminOfA.token())
                .json(Map.of("first_name", "Own", "last_name", "Hire", "email", uniqueEmail("own")))
                .send();

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.json().get("organization").asLong()).isEqualTo(organizationA);
    }

    @Test
    void superadminSeesEveryOrganizationAndCanFilterByOne() {
        ApiResponse all = api.get("/api/v1/staffs/?search=" + surname.toLowerCase())
                .token(superadminToken())
                .send();
        assertThat(all.json().get("count").asLong()).isEqualTo(1);

        ApiResponse onlyA = api.get(
                        "/api/v1/staffs/?organization=" + organizationA + "&search=" + surname.toLowerCase())
                .token(superadminToken())
                .send();
        assertThat(onlyA.json().get("count").asLong()).isZero();

        ApiResponse one = api.get("/api/v1/staffs/" + staffOfB.get("id").asLong())
                .token(superadminToken())
                .send();
        assertThat(one.status()).isEqualTo(200);
    }

    @Test
    void loginIdentifiersAreUniqueAcrossOrganizations() {
        ApiResponse response = api.post("/api/v1/staffs/")
                .token(adminOfA.token())
                .json(Map.of(
                        "first_name", "Same",
                        "last_name", "Email",
                        "email", staffOfB.get("email").asString().toUpperCase()))
                .send();

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("email");
        assertThat(response.body()).doesNotContain(surname);
    }
}
