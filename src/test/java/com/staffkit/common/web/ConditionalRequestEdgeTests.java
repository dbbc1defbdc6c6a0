package com.staffkit.common.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.staffkit.support.ApiResponse;
import com.staffkit.support.IntegrationTest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** Conditional requests where they meet the staff cache, HEAD, browsers (CORS) and the 428 rule. */
class ConditionalRequestEdgeTests extends IntegrationTest {

    private static final String ORIGIN = "https://backoffice.example.com";

    private Member admin;
    private long organization;
    private long staffId;
    private String path;

    @BeforeEach
    void aStaffMember() {
        organization = newOrganization("Conditional edge " + unique());
        admin = member(organization, "admin");
        staffId = member(organization, "member").id();
        path = "/api/v1/staffs/" + staffId;
    }

    private ApiResponse read(String address) {
        return api.get(address).token(admin.token()).send();
    }

    private long newStore() {
        return api.post("/api/v1/stores")
                .token(admin.token())
                .json(Map.of("name", "Edge store", "remote_id", "e-" + unique()))
                .send()
                .json(201)
                .get("id")
                .asLong();
    }

    @Nested
    class Reads {

        @Test
        void headAnswersTheEtagAndAMatchingIfNoneMatchIs304() {
            String etag = read(path).header("ETag");

            ApiResponse head = api.request("HEAD", path).token(admin.token()).send();
            ApiResponse notModified = api.request("HEAD", path)
                    .token(admin.token())
                    .header("If-None-Match", etag)
                    .send();

            assertThat(head.status()).isEqualTo(200);
            assertThat(head.header("ETag")).isEqualTo(etag);
            assertThat(notModified.status()).isEqualTo(304);
            assertThat(notModified.header("ETag")).isEqualTo(etag);
        }

        @Test
        void renamingAStoreTheStaffMemberWorksInChangesItsEtagAndItsOldEtagIs412() {
            long store = newStore();
            assertThat(api.put(path + "/stores/" + store)
                            .token(admin.token())
                            .send()
                            .status())
                    .isEqualTo(204);
            String before = read(path).header("ETag");
            // Read twice: the second read is served from the staff row cache.
            assertThat(read(path).header("ETag")).isEqualTo(before);

            ApiResponse renamed = api.patch("/api/v1/stores/" + store)
                    .token(admin.token())
                    .json(Map.of("name", "Renamed " + unique()))
                    .send();
            assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);

            assertThat(read(path).header("ETag")).isNotEqualTo(before);
            ApiResponse stale = api.patch(path)
                    .token(admin.token())
                    .header("If-Match", before)
                    .json(Map.of("job_title", "Stale"))
                    .send();
            assertThat(stale.status()).as(stale.body()).isEqualTo(412);
        }
    }

    @Nested
    class Writes {

        /** The tag a write answers with is the tag the next read answers with, so a client can chain writes. */
        @Test
        void theEtagOfAWriteIsTheEtagOfTheNextReadAndLetsTheNextWriteThrough() {
            Map<String, Map<String, Object>> changes = new LinkedHashMap<>();
            changes.put(path, Map.of("job_title", "Chained " + unique()));
            changes.put(
                    "/api/teams/" + create("/api/teams", Map.of("name", "Chain " + unique())),
                    Map.of("description", "Chained " + unique()));
            changes.put("/api/v1/stores/" + newStore(), Map.of("name", "Chained " + unique()));
            changes.put(
                    "/api/v1/roles/"
                            + create(
                                    "/api/v1/roles",
                                    Map.of("name", "Chain " + unique(), "permissions", List.of("staff:read"))),
                    Map.of("description", "Chained " + unique()));
            changes.put(
                    "/api/v1/webhooks/"
                            + create(
                                    "/api/v1/webhooks",
                                    Map.of("url", "https://hooks.example.com/c", "event_types", List.of("*"))),
                    Map.of("description", "Chained " + unique()));

            changes.forEach((address, change) -> {
                String etag = read(address).header("ETag");
                ApiResponse first = api.patch(address)
                        .token(admin.token())
                        .header("If-Match", etag)
                        .json(change)
                        .send();
                assertThat(first.status()).as(address + " " + first.body()).isEqualTo(200);
                assertThat(read(address).header("ETag")).as(address).isEqualTo(first.header("ETag"));
                ApiResponse second = api.patch(address)
                        .token(admin.token())
                        .header("If-Match", first.header("ETag"))
                        .json(change)
                        .send();
                assertThat(second.status()).as(address + " " + second.body()).isEqualTo(200);
            });
        }

        private long create(String address, Map<String, Object> body) {
            return api.post(address)
                    .token(admin.token())
                    .json(body)
                    .send()
                    .json(201)
                    .get("id")
                    .asLong();
        }
    }

    @Nested
    @TestPropertySource(properties = "staffkit.require-if-match=true")
    class Required {

        @Test
        void createsAndStoreAssignmentsNeedNoIfMatch() {
            ApiResponse created = api.post("/api/teams")
                    .token(admin.token())
                    .json(Map.of("name", "No tag " + unique()))
                    .send();
            assertThat(created.status()).as(created.body()).isEqualTo(201);

            assertThat(api.put(path + "/stores/" + newStore())
                            .token(admin.token())
                            .send()
                            .status())
                    .isEqualTo(204);
        }
    }

    /** A back-office in the browser must be able to send If-Match / If-None-Match and to read ETag. */
    @Nested
    @TestPropertySource(properties = "staffkit.cors.allowed-origins=" + ORIGIN)
    class Browsers {

        @Test
        void aPreflightAllowsIfMatchAndIfNoneMatch() {
            ApiResponse preflight = api.options(path)
                    .header("Origin", ORIGIN)
                    .header("Access-Control-Request-Method", "PATCH")
                    .header("Access-Control-Request-Headers", "authorization,content-type,if-match,if-none-match")
                    .send();

            assertThat(preflight.status()).as(preflight.toString()).isEqualTo(200);
            assertThat(preflight.header("Access-Control-Allow-Headers"))
                    .containsIgnoringCase("if-match")
                    .containsIgnoringCase("if-none-match");
        }

        @Test
        void aReadExposesItsEtag() {
            ApiResponse read =
                    api.get(path).token(admin.token()).header("Origin", ORIGIN).send();

            assertThat(read.header("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
            assertThat(read.header("Access-Control-Expose-Headers")).containsIgnoringCase("ETag");
        }
    }
}
