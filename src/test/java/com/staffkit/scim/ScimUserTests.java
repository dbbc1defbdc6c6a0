package com.staffkit.scim;

import static com.staffkit.scim.ScimContract.ENTERPRISE;
import static com.staffkit.scim.ScimContract.ERROR;
import static com.staffkit.scim.ScimContract.PATCH_OP;
import static com.staffkit.scim.ScimContract.SCIM_JSON;
import static com.staffkit.scim.ScimContract.USER;
import static com.staffkit.support.Json.strings;
import static org.assertj.core.api.Assertions.assertThat;

import com.staffkit.support.ApiResponse;
import com.staffkit.support.IntegrationTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code /scim/v2/Users} as an identity provider calls it: an admin's API key sent as a bearer
 * token, SCIM JSON in and out, and the staff API and the database showing the same staff member.
 */
class ScimUserTests extends IntegrationTest {

    private long organization;
    private Member admin;
    private String key;

    @BeforeEach
    void anIdentityProvider() {
        organization = newOrganization("Scim Users " + unique());
        admin = member(organization, "admin");
        key = api.post("/api/v1/api-keys")
                .token(admin.token())
                .json(Map.of("name", "Okta", "roles", List.of("admin")))
                .send()
                .json(201)
                .get("key")
                .asString();
    }

    private ApiResponse scim(String method, String path, String body) {
        var request = api.request(method, "/scim/v2" + path).token(key);
        if (body != null) {
            request.body(SCIM_JSON, body);
        }
        return request.send();
    }

    private String userBody(String userName, String externalId) {
        return """
                {"schemas": ["%s", "%s"],
                 "userName": "%s", "externalId": "%s",
                 "name": {"givenName": "Ada", "familyName": "Lovelace"},
                 "displayName": "Ada L.",
                 "emails": [{"value": "%s", "type": "work", "primary": true}],
                 "phoneNumbers": [{"value": "+44 20 7946 0000", "type": "work"}, {"value": "+44 7700 900000", "type": "mobile"}],
                 "title": "Engineer", "timezone": "Europe/London", "active": true,
                 "%s": {"employeeNumber": "E-1", "department": "R&D", "costCenter": "CC9",
                        "organization": "Analytical", "division": "Engines", "manager": {"value": "42"}}}
                """.formatted(USER, ENTERPRISE, userName, externalId, userName, ENTERPRISE);
    }

    @Test
    void createGetListPatchPutDelete() {
        String userName = uniqueEmail("ada");
        ApiResponse created = scim("POST", "/Users", userBody(userName, "okta-" + unique()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.contentType()).startsWith(SCIM_JSON);
        JsonNode user = created.json();
        String id = user.get("id").asString();
        assertThat(created.header("Location")).endsWith("/scim/v2/Users/" + id);
        assertThat(created.header("ETag"))
                .isEqualTo(user.get("meta").get("version").asString());
        assertThat(user.get("userName").asString()).isEqualTo(userName);
        assertThat(user.get("name").get("givenName").asString()).isEqualTo("Ada");
        assertThat(user.get("displayName").asString()).isEqualTo("Ada L.");
        assertThat(user.get("emails").get(0).get("value").asString()).isEqualTo(userName);
        assertThat(user.get(ENTERPRISE).get("department").asString()).isEqualTo("R&D");
        assertThat(user.get(ENTERPRISE).get("manager").get("value").asString()).isEqualTo("42");
        assertThat(strings(user.get("schemas"))).containsExactly(USER, ENTERPRISE);

        JsonNode rest =
                api.get("/api/v1/staffs/" + id).token(admin.token()).send().json(200);
        assertThat(rest.get("roles").toString()).contains("member");
        assertThat(rest.get("job_title").asString()).isEqualTo("Engineer");
        assertThat(rest.get("mobile_phone").asString()).isEqualTo("+44 7700 900000");

        ApiResponse listed = scim("GET", "/Users?filter=userName%20eq%20%22" + userName.toUpperCase() + "%22", null);
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        assertThat(listed.json().get("totalResults").asInt()).isEqualTo(1);
        assertThat(listed.json().get("Resources").get(0).get("id").asString()).isEqualTo(id);

        ApiResponse patched = scim("PATCH", "/Users/" + id, """
                {"schemas": ["%s"], "Operations": [
                  {"op": "Replace", "value": {"name.givenName": "Augusta", "%s:employeeNumber": "E-2", "active": "False"}}]}
                """.formatted(PATCH_OP, ENTERPRISE));
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        assertThat(patched.json().get("name").get("givenName").asString()).isEqualTo("Augusta");
        assertThat(patched.json().get(ENTERPRISE).get("employeeNumber").asString())
                .isEqualTo("E-2");
        assertThat(patched.json().get("active").asBoolean()).isFalse();

        ApiResponse stale = api.request("DELETE", "/scim/v2/Users/" + id)
                .token(key)
                .header("If-Match", created.header("ETag"))
                .send();
        assertThat(stale.status()).as(stale.body()).isEqualTo(412);

        ApiResponse deleted = api.request("DELETE", "/scim/v2/Users/" + id)
                .token(key)
                .header("If-Match", patched.header("ETag"))
                .send();
        assertThat(deleted.status()).as(deleted.body()).isEqualTo(204);
        ApiResponse gone = scim("GET", "/Users/" + id, null);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(strings(gone.json().get("schemas"))).containsExactly(ERROR);
        JsonNode after =
                api.get("/api/v1/staffs/" + id).token(admin.token()).send().json(200);
        assertThat(after.get("is_active").asBoolean()).isFalse();
    }

    @Test
    void removalsNamingTheirValueAndReplacementsWithNullClear() {
        String userName = uniqueEmail("grace");
        String id = scim("POST", "/Users", userBody(userName, "okta-" + unique()))
                .json()
                .get("id")
                .asString();

        ApiResponse patched = scim("PATCH", "/Users/" + id, """
                {"schemas": ["%s"], "Operations": [
                  {"op": "Remove", "path": "%s:manager", "value": [{"value": "42"}]},
                  {"op": "Replace", "path": "title", "value": null},
                  {"op": "remove", "path": "phoneNumbers", "value": [{"value": "+44 7700 900000"}]}]}
                """.formatted(PATCH_OP, ENTERPRISE));

        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        JsonNode user = patched.json();
        assertThat(user.get(ENTERPRISE).has("manager")).isFalse();
        assertThat(user.get(ENTERPRISE).get("department").asString()).isEqualTo("R&D");
        assertThat(user.has("title")).isFalse();
        assertThat(user.get("phoneNumbers").findValuesAsString("type")).containsExactly("work");
        JsonNode rest =
                api.get("/api/v1/staffs/" + id).token(admin.token()).send().json(200);
        assertThat(rest.get("job_title").isNull()).isTrue();
        assertThat(rest.get("mobile_phone").isNull()).isTrue();
        assertThat(jdbc.sql("select manager_id from staff where id = :id")
                        .param("id", Long.parseLong(id))
                        .query(String.class)
                        .optional())
                .isEmpty();
    }

    @Test
    void aMalformedOperationSaysWhatWasWrongWithoutNamingInternals() {
        String id = scim("POST", "/Users", userBody(uniqueEmail("lin"), "okta-" + unique()))
                .json()
                .get("id")
                .asString();

        ApiResponse response = scim("PATCH", "/Users/" + id, """
                {"schemas": ["%s"], "Operations": [{"op": "replace", "path": "name", "value": {}}]}
                """.formatted(PATCH_OP));

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.json().get("scimType").asString()).isEqualTo("invalidValue");
        assertThat(response.body()).doesNotContain("com.", "unboundid", "Exception", "instance of");
    }

    @Test
    void aPatchNamingAReadOnlyAttributeIsAMutabilityError() {
        String id = scim("POST", "/Users", userBody(uniqueEmail("ro"), "okta-" + unique()))
                .json()
                .get("id")
                .asString();

        for (String path : List.of("id", "meta.created", "groups")) {
            ApiResponse response = scim("PATCH", "/Users/" + id, """
                    {"schemas": ["%s"], "Operations": [{"op": "replace", "path": "%s", "value": "1"}]}
                    """.formatted(PATCH_OP, path));

            assertThat(response.status()).as(path + " " + response.body()).isEqualTo(400);
            assertThat(response.json().get("scimType").asString()).as(path).isEqualTo("mutability");
        }
        assertThat(scim("GET", "/Users/" + id, null).json().get("id").asString())
                .isEqualTo(id);
    }
}
