package com.staffkit.staff;

import static org.assertj.core.api.Assertions.assertThat;

import com.staffkit.support.ApiResponse;
import com.staffkit.support.IntegrationTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A value of the wrong type is a 400 naming the field or parameter, never converted silently. */
class StrictTypesTests extends IntegrationTest {

    private static final String STAFFS = "/api/v1/staffs/";

    @Nested
    class JsonBodies {

        @Test
        void aNumberWhereAStringIsExpectedIs400() {
            long organization = newOrganization("Strict Names");

            ApiResponse store = api.post("/api/v1/stores")
                    .token(superadminToken())
                    .json("{\"organization\": " + organization + ", \"name\": 10}")
                    .send();
            ApiResponse staff = create(Map.of("first_name", 10));

            assertRefused(store, "name", "must be a string");
            assertRefused(staff, "first_name", "must be a string");
            assertThat(count("select count(*) from stores where organization_id = " + organization))
                    .isZero();
        }

        @Test
        void aStringOrAFractionWhereAnIntegerIdIsExpectedIs400() {
            long organization = newOrganization("Strict Ids");
            for (Object value : List.of("" + organization, organization + 0.5, "")) {
                String lastName = "Strict-" + unique();
                ApiResponse response = create(Map.of("organization", value, "last_name", lastName));
                assertRefused(response, "organization", null);
                assertThat(count("select count(*) from staff where last_name = '" + lastName + "'"))
                        .isZero();
            }
        }

        @Test
        void anythingButTrueOrFalseWhereABooleanIsExpectedIs400() {
            for (Object value : List.of("yes", "true", 1, "")) {
                assertRefused(create(Map.of("is_active", value)), "is_active", null);
            }
        }

        @Test
        void nullForARequiredFieldIs400() {
            Map<String, Object> body = new HashMap<>();
            body.put("first_name", null);
            assertRefused(create(body), "first_name", null);
        }

        @Test
        void aStoreIdAsAStringIs400NamingItsPlace() {
            ApiResponse response = create(Map.of("retail_stores", List.of("1")));
            assertRefused(response, "retail_stores[0]", "must be an integer");
        }

        @Test
        void mergePatchesObeyTheSameTypes() {
            long id = create(Map.of()).json(201).get("id").asLong();
            for (Map.Entry<String, Object> bad : List.<Map.Entry<String, Object>>of(
                    Map.entry("first_name", 10),
                    Map.entry("job_title", true),
                    Map.entry("is_active", "false"),
                    Map.entry("full_store_access", 0),
                    Map.entry("retail_stores", List.of("1")))) {
                ApiResponse response = api.patch(STAFFS + id)
                        .token(superadminToken())
                        .json(Map.of(bad.getKey(), bad.getValue()))
                        .send();
                assertRefused(response, bad.getKey().equals("retail_stores") ? "retail_stores[0]" : bad.getKey(), null);
            }
            assertThat(jdbc.sql("select first_name from staff where id = :id")
                            .param("id", id)
                            .query(String.class)
                            .single())
                    .isEqualTo("Strict");
        }

        @Test
        void valuesOfTheDeclaredTypesAreAccepted() {
            long organization = newOrganization("Strict Accepts");
            JsonNode created = create(Map.of("organization", organization, "is_active", false, "job_title", "10"))
                    .json(201);

            assertThat(created.get("organization").asLong()).isEqualTo(organization);
            assertThat(created.get("is_active").asBoolean()).isFalse();
            assertThat(created.get("job_title").asString()).isEqualTo("10");
        }
    }

    @Nested
    class QueryParameters {

        @Test
        void emptyOrMalformedTypedParametersAre400NamingTheParameter() {
            for (String query : List.of(
                    "page=",
                    "page_size=",
                    "page=abc",
                    "page=0x10",
                    "page=1.0",
                    "is_active=yes",
                    "is_active=1",
                    "is_active=",
                    "include_inactive=",
                    "include_pending=on",
                    "organization=",
                    "organization=12abc",
                    "after=")) {
                ApiResponse response =
                        api.get(STAFFS + "?" + query).token(superadminToken()).send();
                String parameter = query.substring(0, query.indexOf('='));
                assertRefused(response, parameter, null);
            }
        }

        @Test
        void emptyTypedParametersOfOtherResourcesAre400Too() {
            assertRefused(
                    api.get("/api/v1/stores?is_active=")
                            .token(superadminToken())
                            .send(),
                    "is_active",
                    null);
            assertRefused(api.get("/api/teams?page=").token(superadminToken()).send(), "page", null);
            assertRefused(
                    api.get(STAFFS + "lookup?key=").token(superadminToken()).send(), "key", null);
        }

        @Test
        void filterRecordsSayWhatTheirParametersTakeUnderTheirQueryNames() {
            String token = superadminToken();
            assertRefused(api.get(STAFFS + "?is_active=yes").token(token).send(), "is_active", "must be true or false");
            assertRefused(
                    api.get(STAFFS + "?has_activated=0").token(token).send(), "has_activated", "must be true or false");
            assertRefused(api.get(STAFFS + "?team=12abc").token(token).send(), "team", "must be an integer");
            assertRefused(api.get(STAFFS + "?organization=").token(token).send(), "organization", "must not be empty");
            assertRefused(
                    api.get("/api/v1/stores?include_inactive=on").token(token).send(),
                    "include_inactive",
                    "must be true or false");
            assertRefused(api.get("/api/teams?member=x").token(token).send(), "member", "must be an integer");
            assertRefused(
                    api.get(STAFFS + "?ordering=password_hash").token(token).send(), "ordering", null);
        }

        @Test
        void repeatedRolesAndExplicitDefaultsAreAccepted() {
            long organization = newOrganization("Strict Defaults");
            ApiResponse response = api.get(STAFFS + "?organization=" + organization
                            + "&role=superadmin&role=admin&include_pending=true")
                    .token(superadminToken())
                    .send();

            assertThat(response.json(200).get("count").asLong()).isZero();
        }

        @Test
        void declaredValuesAreAccepted() {
            long organization = newOrganization("Strict Query");
            ApiResponse response = api.get(STAFFS + "?page=1&page_size=5&is_active=true&include_inactive=false"
                            + "&organization=" + organization + "&search=")
                    .token(superadminToken())
                    .send();

            assertThat(response.json(200).get("results").size()).isEqualTo(1);
        }
    }

    private ApiResponse create(Map<String, Object> override) {
        Map<String, Object> body =
                new HashMap<>(Map.of("first_name", "Strict", "last_name", "Types", "email", uniqueEmail("strict")));
        body.putAll(override);
        return api.post(STAFFS).token(superadminToken()).json(body).send();
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    private static void assertRefused(ApiResponse response, String field, String message) {
        JsonNode problem = response.json(400);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(problem.get("detail").asString()).as(response.body()).contains(field);
        JsonNode error = problem.get("errors").get(0);
        assertThat(error.get("field").asString()).as(response.body()).isEqualTo(field);
        if (message != null) {
            assertThat(error.get("message").asString()).isEqualTo(message);
        }
    }
}
