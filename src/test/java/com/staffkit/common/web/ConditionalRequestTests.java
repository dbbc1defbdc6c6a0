package com.staffkit.common.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.staffkit.support.ApiResponse;
import com.staffkit.support.IntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * Strong ETags on single-resource reads, 304 for a matching If-None-Match, and If-Match on writes:
 * 412 once the resource has changed, the change made (and a new ETag) while it has not.
 */
class ConditionalRequestTests extends IntegrationTest {

    private Member admin;
    private long staffId;
    private String path;

    @BeforeEach
    void aStaffMember() {
        long organization = newOrganization("Conditional " + unique());
        admin = member(organization, "admin");
        staffId = member(organization, "member").id();
        path = "/api/v1/staffs/" + staffId;
    }

    private ApiResponse read() {
        return api.get(path).token(admin.token()).send();
    }

    @Nested
    class Reads {

        @Test
        void aReadHasAStrongEtagAndAMatchingIfNoneMatchIs304() {
            ApiResponse first = read();
            String etag = first.header("ETag");

            assertThat(first.status()).isEqualTo(200);
            assertThat(etag).startsWith("\"").endsWith("\"").doesNotStartWith("W/");
            assertThat(read().header("ETag")).isEqualTo(etag);

            ApiResponse notModified = api.get(path)
                    .token(admin.token())
                    .header("If-None-Match", etag)
                    .send();
            assertThat(notModified.status()).isEqualTo(304);
            assertThat(notModified.body()).isEmpty();
            assertThat(notModified.header("ETag")).isEqualTo(etag);

            ApiResponse changed = api.get(path)
                    .token(admin.token())
                    .header("If-None-Match", "\"something-else\"")
                    .send();
            assertThat(changed.status()).isEqualTo(200);
        }

        @Test
        void aLookupCarriesTheSameEtagAsTheStaffMembersOwnAddress() {
            String email = read().json().get("email").asString();

            ApiResponse lookup = api.get("/api/v1/staffs/lookup?email=" + email)
                    .token(admin.token())
                    .send();

            assertThat(lookup.status()).isEqualTo(200);
            assertThat(lookup.header("ETag")).isEqualTo(read().header("ETag"));
            ApiResponse serviceUser =
                    api.get("/api/v1/staffs/service-user").token(admin.token()).send();
            assertThat(serviceUser.header("ETag")).isNotBlank();
        }

        @Test
        void theEtagChangesWithEveryChange() {
            String before = read().header("ETag");

            ApiResponse patched = api.patch(path)
                    .token(admin.token())
                    .json(Map.of("job_title", "Cashier " + unique()))
                    .send();

            assertThat(patched.status()).isEqualTo(200);
            assertThat(patched.header("ETag")).isNotEqualTo(before).isEqualTo(read().header("ETag"));
        }
    }

    @Nested
    class Writes {

        @Test
        void aStaleIfMatchIs412AndChangesNothing() {
            String stale = read().header("ETag");
            api.patch(path)
                    .token(admin.token())
                    .json(Map.of("job_title", "First"))
                    .send();

            ApiResponse refused = api.patch(path)
                    .token(admin.token())
                    .header("If-Match", stale)
                    .json(Map.of("job_title", "Second"))
                    .send();

            assertThat(refused.status()).isEqualTo(412);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.json().get("type").asString()).endsWith("/precondition-failed");
            assertThat(read().json().get("job_title").asString()).isEqualTo("First");
            ApiResponse put = api.put(path)
                    .token(admin.token())
                    .header("If-Match", stale)
                    .json(Map.of("first_name", "A", "last_name", "B", "email", uniqueEmail("stale")))
                    .send();
            assertThat(put.status()).isEqualTo(412);
            ApiResponse delete = api.delete(path)
                    .token(admin.token())
                    .header("If-Match", stale)
                    .send();
            assertThat(delete.status()).isEqualTo(412);
            assertThat(read().json().get("is_active").asBoolean()).isTrue();
        }

        @Test
        void theCurrentEtagOrAStarLetsTheChangeThrough() {
            String current = read().header("ETag");

            ApiResponse patched = api.patch(path)
                    .token(admin.token())
                    .header("If-Match", "\"other\", " + current)
                    .json(Map.of("job_title", "Matched"))
                    .send();
            assertThat(patched.status()).as(patched.body()).isEqualTo(200);

            ApiResponse weak = api.patch(path)
                    .token(admin.token())
                    .header("If-Match", "W/" + patched.header("ETag"))
                    .json(Map.of("job_title", "Weak"))
                    .send();
            assertThat(weak.status()).as("a weak tag never matches strongly").isEqualTo(412);

            ApiResponse any = api.delete(path)
                    .token(admin.token())
                    .header("If-Match", "*")
                    .send();
            assertThat(any.status()).isEqualTo(204);
        }

        @Test
        void withoutIfMatchWritesWorkAsBefore() {
            assertThat(api.patch(path)
                            .token(admin.token())
                            .json(Map.of("job_title", "Free"))
                            .send()
                            .status())
                    .isEqualTo(200);
        }
    }

    /** Every other resource read one at a time: a created one, a change to it, and its address. */
    @Nested
    class EveryResource {

        @Test
        void teamsStoresRolesOrganizationsAndWebhooksAreTaggedAndConditional() {
            Map<String, String> created = new java.util.LinkedHashMap<>();
            created.put("/api/teams/", post("/api/teams", Map.of("name", "Tagged " + unique())));
            created.put(
                    "/api/v1/stores/",
                    post("/api/v1/stores", Map.of("name", "Tagged store", "remote_id", "t-" + unique())));
            created.put(
                    "/api/v1/roles/",
                    post(
                            "/api/v1/roles",
                            Map.of("name", "Tagged " + unique(), "permissions", java.util.List.of("staff:read"))));
            created.put(
                    "/api/v1/webhooks/",
                    post(
                            "/api/v1/webhooks",
                            Map.of("url", "https://hooks.example.com/t", "event_types", java.util.List.of("*"))));
            created.put(
                    "/api/v1/organizations/",
                    api.post("/api/v1/organizations")
                            .token(superadminToken())
                            .json(Map.of("name", "Tagged org " + unique()))
                            .send()
                            .json(201)
                            .get("id")
                            .asString());

            created.forEach((base, id) -> {
                String address = base + id;
                String token = base.contains("organizations") ? superadminToken() : admin.token();
                ApiResponse read = api.get(address).token(token).send();
                String etag = read.header("ETag");
                assertThat(etag).as(address).isNotBlank();
                assertThat(api.get(address)
                                .token(token)
                                .header("If-None-Match", etag)
                                .send()
                                .status())
                        .as(address)
                        .isEqualTo(304);
                Map<String, Object> change = base.contains("organizations") || base.contains("stores")
                        ? Map.of("name", "Renamed " + unique())
                        : Map.of("description", "Changed " + unique());
                ApiResponse changed = api.patch(address)
                        .token(token)
                        .header("If-Match", etag)
                        .json(change)
                        .send();
                assertThat(changed.status()).as(address + " " + changed.body()).isEqualTo(200);
                assertThat(changed.header("ETag")).as(address).isNotEqualTo(etag);
                ApiResponse stale = api.patch(address)
                        .token(token)
                        .header("If-Match", etag)
                        .json(change)
                        .send();
                assertThat(stale.status()).as(address + " " + stale.body()).isEqualTo(412);
                ApiResponse staleDelete = api.delete(address)
                        .token(token)
                        .header("If-Match", etag)
                        .send();
                assertThat(staleDelete.status()).as(address).isEqualTo(412);
            });
        }

        private String post(String path, Map<String, Object> body) {
            return api.post(path)
                    .token(admin.token())
                    .json(body)
                    .send()
                    .json(201)
                    .get("id")
                    .asString();
        }
    }

    @Nested
    @TestPropertySource(properties = "staffkit.require-if-match=true")
    class Required {

        @Test
        void aWriteWithoutIfMatchIs428AndReadsAreUnaffected() {
            ApiResponse refused = api.patch(path)
                    .token(admin.token())
                    .json(Map.of("job_title", "No tag"))
                    .send();

            assertThat(refused.status()).isEqualTo(428);
            assertThat(refused.json().get("type").asString()).endsWith("/precondition-required");
            ApiResponse read = read();
            assertThat(read.status()).isEqualTo(200);
            ApiResponse tagged = api.patch(path)
                    .token(admin.token())
                    .header("If-Match", read.header("ETag"))
                    .json(Map.of("job_title", "Tagged"))
                    .send();
            assertThat(tagged.status()).isEqualTo(200);
        }
    }
}
