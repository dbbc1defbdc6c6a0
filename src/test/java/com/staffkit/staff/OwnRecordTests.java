package com.staffkit.staff;

import static org.assertj.core.api.Assertions.assertThat;

import com.staffkit.support.ApiResponse;
import com.staffkit.support.IntegrationTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Every caller sees its own staff record, whatever its store scope; acting on oneself stays refused. */
class OwnRecordTests extends IntegrationTest {

    private static final String STAFFS = "/api/v1/staffs/";

    private long organization;
    private Member storeless;
    private long colleague;

    /** A manager without full store access and without stores, who may also deactivate staff. */
    @BeforeEach
    void aStoreScopedManagerWithoutStores() {
        organization = newOrganization("Own Record");
        Member admin = member(organization, "admin");
        String deactivator = "deactivator-" + unique();
        api.post("/api/v1/roles")
                .token(admin.token())
                .json(Map.of("name", deactivator, "permissions", List.of("staff:read", "staff:deactivate")))
                .send()
                .json(201);
        String email = uniqueEmail("storeless");
        JsonNode staff = createStaff(Map.of(
                "organization",
                organization,
                "first_name",
                "Store",
                "last_name",
                "Less",
                "email",
                email,
                "roles",
                List.of("manager", deactivator),
                "full_store_access",
                false,
                "password",
                PASSWORD));
        assertThat(staff.get("retail_stores").isEmpty()).isTrue();
        storeless = new Member(staff.get("id").asLong(), email, login(email, PASSWORD));
        colleague = createStaff(Map.of(
                        "organization",
                        organization,
                        "first_name",
                        "Col",
                        "last_name",
                        "League",
                        "email",
                        uniqueEmail("c")))
                .get("id")
                .asLong();
    }

    @Nested
    class Reading {

        @Test
        void aStoreScopedManagerWithoutStoresReadsItsOwnRecord() {
            JsonNode self = api.get(STAFFS + storeless.id())
                    .token(storeless.token())
                    .send()
                    .json(200);

            assertThat(self.get("id").asLong()).isEqualTo(storeless.id());
            assertThat(self.get("email").asString()).isEqualTo(storeless.email());
            assertThat(self.get("full_store_access").asBoolean()).isFalse();
        }

        @Test
        void itsDirectoryListsItselfButNobodyOutsideItsStores() {
            JsonNode page = api.get(STAFFS + "?organization=" + organization)
                    .token(storeless.token())
                    .send()
                    .json(200);

            assertThat(page.get("results").valueStream().map(s -> s.get("id").asLong()))
                    .containsExactly(storeless.id());
            assertThat(api.get(STAFFS + colleague)
                            .token(storeless.token())
                            .send()
                            .status())
                    .isEqualTo(404);
        }
    }

    @Nested
    class ActingOnItself {

        @Test
        void changingItsOwnRolesIs403AndChangesNothing() {
            ApiResponse response = api.patch(STAFFS + storeless.id())
                    .token(storeless.token())
                    .json(Map.of("roles", List.of("member")))
                    .send();

            assertThat(response.status()).as(response.body()).isEqualTo(403);
            assertThat(response.contentType()).isEqualTo("application/problem+json");
            assertThat(response.json().get("type").asString()).isEqualTo("https://staffkit.dev/problems/forbidden");
            assertThat(roleNames(storeless.id())).contains("manager");
        }

        @Test
        void deactivatingItselfIs403AndLeavesItActive() {
            ApiResponse delete =
                    api.delete(STAFFS + storeless.id()).token(storeless.token()).send();
            ApiResponse patch = api.patch(STAFFS + storeless.id())
                    .token(storeless.token())
                    .json(Map.of("is_active", false))
                    .send();

            assertThat(delete.status()).as(delete.body()).isEqualTo(403);
            assertThat(patch.status()).as(patch.body()).isEqualTo(403);
            assertThat(jdbc.sql("select is_active from staff where id = :id")
                            .param("id", storeless.id())
                            .query(Boolean.class)
                            .single())
                    .isTrue();
        }
    }

    private List<String> roleNames(long id) {
        return jdbc.sql("""
                        select r.name from staff_roles sr join roles r on r.id = sr.role_id
                        where sr.staff_id = :id order by r.name""").param("id", id).query(String.class).list();
    }
}
