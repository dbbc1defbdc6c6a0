package com.staffkit.scim;

import static com.staffkit.scim.ScimContract.ENTERPRISE;
import static com.staffkit.scim.ScimContract.ERROR;
import static com.staffkit.scim.ScimContract.LIST;
import static com.staffkit.scim.ScimContract.PATCH_OP;
import static com.staffkit.scim.ScimContract.SCIM_JSON;
import static com.staffkit.scim.ScimContract.USER;
import static com.staffkit.support.Json.strings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.staffkit.support.ApiResponse;
import com.staffkit.support.IntegrationTest;
import com.staffkit.support.TestMail;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code /scim/v2/Users} as identity providers call it: an API key sent as a bearer token, SCIM
 * JSON in and out, Okta's and Entra ID's request bodies replayed as they arrive, and every answer
 * checked against what the staff API, the audit trail and the database then hold.
 */
class ScimUserProvisioningTests extends IntegrationTest {

    @org.springframework.beans.factory.annotation.Autowired
    private com.staffkit.support.RecordedEvents events;

    private long organization;
    private Member admin;
    private JsonNode provisioner;
    private String key;

    @BeforeEach
    void anIdentityProvider() {
        organization = newOrganization("Scim Provisioning " + unique());
        admin = member(organization, "admin");
        provisioner = mintKey(admin, "Okta " + unique(), "admin", null);
        key = provisioner.get("key").asString();
    }

    // ---------------------------------------------------------------- helpers

    private JsonNode mintKey(Member creator, String name, String role, String scimDefaultRole) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("name", name, "roles", List.of(role)));
        if (scimDefaultRole != null) {
            body.put("scim_default_role", scimDefaultRole);
        }
        return api.post("/api/v1/api-keys")
                .token(creator.token())
                .json(body)
                .send()
                .json(201);
    }

    private ApiResponse scim(String method, String path, String body) {
        return scimAs(key, method, path, body, null);
    }

    private ApiResponse scim(String method, String path, String body, String ifMatch) {
        return scimAs(key, method, path, body, ifMatch);
    }

    private ApiResponse scimAs(String token, String method, String path, String body, String ifMatch) {
        var request = api.request(method, "/scim/v2" + path).token(token);
        if (body != null) {
            request.body(SCIM_JSON, body);
        }
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return request.send();
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private ApiResponse search(String filter) {
        return scim("GET", "/Users?filter=" + enc(filter), null);
    }

    private JsonNode searchOk(String filter) {
        ApiResponse response = search(filter);
        assertThat(response.status()).as(filter + " -> " + response.body()).isEqualTo(200);
        assertThat(response.contentType()).startsWith(SCIM_JSON);
        return response.json();
    }

    private static List<String> ids(JsonNode list) {
        List<String> ids = new ArrayList<>();
        JsonNode resources = list.get("Resources");
        if (resources != null) {
            resources.forEach(resource -> ids.add(resource.get("id").asString()));
        }
        return ids;
    }

    private JsonNode create(String body) {
        ApiResponse created = scim("POST", "/Users", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json();
    }

    /** A minimal user: a userName that is also its work email. */
    private JsonNode createUser(String userName) {
        return create(minimalUser(userName, userName));
    }

    private static String minimalUser(String userName, String email) {
        return """
                {"schemas": ["%s"], "userName": "%s",
                 "name": {"givenName": "Grace", "familyName": "Hopper"},
                 "emails": [{"value": "%s", "type": "work", "primary": true}]}
                """.formatted(USER, userName, email);
    }

    private static String fullUser(String userName, String email, String externalId) {
        return """
                {"schemas": ["%s", "%s"],
                 "userName": "%s", "externalId": "%s",
                 "name": {"givenName": "Ada", "familyName": "Lovelace", "formatted": "Ada Lovelace"},
                 "displayName": "Ada L.",
                 "emails": [{"value": "%s", "type": "work", "primary": true}],
                 "phoneNumbers": [{"value": "+44 20 7946 0000", "type": "work"},
                                  {"value": "+44 7700 900000", "type": "mobile"}],
                 "title": "Engineer", "timezone": "Europe/London", "active": true,
                 "%s": {"employeeNumber": "E-1", "department": "R&D", "costCenter": "CC9",
                        "organization": "Analytical", "division": "Engines", "manager": {"value": "42"}}}
                """.formatted(USER, ENTERPRISE, userName, externalId, email, ENTERPRISE);
    }

    private JsonNode rest(String id) {
        return api.get("/api/v1/staffs/" + id).token(admin.token()).send().json(200);
    }

    private static void assertScimError(ApiResponse response, int status, String scimType) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith(SCIM_JSON);
        JsonNode error = response.json();
        assertThat(strings(error.get("schemas"))).containsExactly(ERROR);
        assertThat(error.get("status").isString()).as(response.body()).isTrue();
        assertThat(error.get("status").asString()).isEqualTo(Integer.toString(status));
        if (scimType != null) {
            assertThat(error.get("scimType").asString()).as(response.body()).isEqualTo(scimType);
        }
    }

    private List<JsonNode> auditEvents(String staffId) {
        JsonNode page = api.get("/api/v1/audit-events?target_type=staff&target_id=" + staffId + "&page_size=100")
                .token(admin.token())
                .send()
                .json(200);
        List<JsonNode> events = new ArrayList<>();
        page.get("results").forEach(events::add);
        return events;
    }

    private List<String> auditTypes(String staffId) {
        return auditEvents(staffId).stream().map(e -> e.get("type").asString()).toList();
    }

    private static String patchBody(String operations) {
        return """
                {"schemas": ["%s"], "Operations": [%s]}""".formatted(PATCH_OP, operations);
    }

    private JsonNode patchOk(String id, String operations) {
        ApiResponse patched = scim("PATCH", "/Users/" + id, patchBody(operations));
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        assertThat(patched.contentType()).startsWith(SCIM_JSON);
        assertThat(patched.header("ETag"))
                .isEqualTo(patched.json().get("meta").get("version").asString());
        return patched.json();
    }

    // ---------------------------------------------------------------- Access

    @Nested
    class Access {

        @Test
        void aBearerKeyWithScimProvisionIsServedInScimJson() {
            ApiResponse list = scim("GET", "/Users", null);

            assertThat(list.status()).as(list.body()).isEqualTo(200);
            assertThat(list.contentType()).startsWith(SCIM_JSON);
            assertThat(strings(list.json().get("schemas"))).containsExactly(LIST);
        }

        @Test
        void theExistingApiKeyHeaderWorksToo() {
            ApiResponse list =
                    api.get("/scim/v2/Users").header("X-Api-Key", key).send();

            assertThat(list.status()).as(list.body()).isEqualTo(200);
        }

        @Test
        void noCredentialIs401InTheScimErrorSchema() {
            assertScimError(api.get("/scim/v2/Users").send(), 401, null);
            assertScimError(
                    api.post("/scim/v2/Users")
                            .body(SCIM_JSON, minimalUser("x@example.com", "x@example.com"))
                            .send(),
                    401,
                    null);
            assertScimError(api.get("/scim/v2/Users").token("sk_not-a-key").send(), 401, null);
        }

        @Test
        void aKeyWithoutScimProvisionIs403AndCreatesNothing() {
            String memberKey = mintKey(admin, "HR sync " + unique(), "manager", null)
                    .get("key")
                    .asString();
            String userName = uniqueEmail("refused");

            assertScimError(scimAs(memberKey, "GET", "/Users", null, null), 403, null);
            assertScimError(scimAs(memberKey, "POST", "/Users", minimalUser(userName, userName), null), 403, null);

            assertThat(searchOk("userName eq \"" + userName + "\"")
                            .get("totalResults")
                            .asInt())
                    .isZero();
        }

        @Test
        void scimProvisionAloneDoesNotBypassTheStaffGrants() {
            String role = "SCIM only " + unique();
            api.post("/api/v1/roles")
                    .token(admin.token())
                    .json(Map.of("name", role, "permissions", List.of("scim:provision")))
                    .send()
                    .json(201);
            String scimOnly =
                    mintKey(admin, "Bare " + unique(), role, null).get("key").asString();
            String userName = uniqueEmail("bare");

            assertScimError(scimAs(scimOnly, "GET", "/Users", null, null), 403, null);
            assertScimError(scimAs(scimOnly, "POST", "/Users", minimalUser(userName, userName), null), 403, null);
            assertThat(searchOk("userName eq \"" + userName + "\"")
                            .get("totalResults")
                            .asInt())
                    .isZero();
        }

        @Test
        void requestsAreAcceptedAsScimJsonAndAsPlainJson() {
            String asScim = uniqueEmail("scim-json");
            String asJson = uniqueEmail("plain-json");

            ApiResponse scimJson = scim("POST", "/Users", minimalUser(asScim, asScim));
            ApiResponse plainJson = api.post("/scim/v2/Users")
                    .token(key)
                    .body("application/json", minimalUser(asJson, asJson))
                    .send();
            ApiResponse withCharset = api.post("/scim/v2/Users")
                    .token(key)
                    .body("application/scim+json; charset=utf-8", minimalUser(uniqueEmail("cs"), uniqueEmail("cs")))
                    .send();

            assertThat(scimJson.status()).as(scimJson.body()).isEqualTo(201);
            assertThat(plainJson.status()).as(plainJson.body()).isEqualTo(201);
            assertThat(withCharset.status()).as(withCharset.body()).isEqualTo(201);
            assertThat(plainJson.contentType()).startsWith(SCIM_JSON);
            String id = plainJson.json().get("id").asString();

            ApiResponse put = api.put("/scim/v2/Users/" + id)
                    .token(key)
                    .body("application/json", minimalUser(asJson, asJson).replace("Grace", "Amazing Grace"))
                    .send();
            ApiResponse patch = api.patch("/scim/v2/Users/" + id)
                    .token(key)
                    .body(
                            "application/json",
                            patchBody("{\"op\": \"replace\", \"path\": \"title\", \"value\": \"Rear Admiral\"}"))
                    .send();

            assertThat(put.status()).as(put.body()).isEqualTo(200);
            assertThat(put.contentType()).startsWith(SCIM_JSON);
            assertThat(patch.status()).as(patch.body()).isEqualTo(200);
            assertThat(patch.contentType()).startsWith(SCIM_JSON);
            JsonNode staff = rest(id);
            assertThat(staff.get("first_name").asString()).isEqualTo("Amazing Grace");
            assertThat(staff.get("job_title").asString()).isEqualTo("Rear Admiral");
        }

        @Test
        void errorsAreScimJsonToo() {
            ApiResponse missing = scim("GET", "/Users/999999999", null);
            ApiResponse notAnId = scim("GET", "/Users/not-a-number", null);
            ApiResponse malformed = scim("POST", "/Users", "{not json");

            assertScimError(missing, 404, null);
            assertScimError(notAnId, 404, null);
            assertScimError(malformed, 400, "invalidSyntax");
        }

        @Nested
        class Tenancy {

            private Member otherAdmin;
            private String otherKey;
            private JsonNode theirs;

            @BeforeEach
            void anotherOrganizationsUser() {
                long other = newOrganization("Other Tenant " + unique());
                otherAdmin = member(other, "admin");
                otherKey = mintKey(otherAdmin, "Entra " + unique(), "admin", null)
                        .get("key")
                        .asString();
                String userName = uniqueEmail("theirs");
                ApiResponse created =
                        scimAs(otherKey, "POST", "/Users", fullUser(userName, userName, "ext-" + unique()), null);
                assertThat(created.status()).as(created.body()).isEqualTo(201);
                theirs = created.json();
            }

            @Test
            void anotherOrganizationsUserIs404ToEveryMethod() {
                String id = theirs.get("id").asString();
                String version = theirs.get("meta").get("version").asString();

                assertScimError(scim("GET", "/Users/" + id, null), 404, null);
                assertScimError(
                        scim(
                                "PUT",
                                "/Users/" + id,
                                minimalUser(theirs.get("userName").asString(), uniqueEmail("x"))),
                        404,
                        null);
                assertScimError(
                        scim(
                                "PATCH",
                                "/Users/" + id,
                                patchBody("{\"op\": \"replace\", \"path\": \"active\", \"value\": false}")),
                        404,
                        null);
                assertScimError(scim("DELETE", "/Users/" + id, null), 404, null);
                assertScimError(scim("DELETE", "/Users/" + id, null, version), 404, null);

                JsonNode unchanged = api.get("/api/v1/staffs/" + id)
                        .token(otherAdmin.token())
                        .send()
                        .json(200);
                assertThat(unchanged.get("is_active").asBoolean()).isTrue();
                assertThat(unchanged.get("first_name").asString()).isEqualTo("Ada");
                ApiResponse stillThere = scimAs(otherKey, "GET", "/Users/" + id, null, null);
                assertThat(stillThere.status()).isEqualTo(200);
                assertThat(stillThere.header("ETag")).isEqualTo(version);
            }

            @Test
            void anotherOrganizationsUsersAreNeverListed() {
                assertThat(searchOk("userName eq \"" + theirs.get("userName").asString() + "\"")
                                .get("totalResults")
                                .asInt())
                        .isZero();
                assertThat(searchOk("id eq \"" + theirs.get("id").asString() + "\"")
                                .get("totalResults")
                                .asInt())
                        .isZero();
                assertThat(ids(scim("GET", "/Users?count=200", null).json()))
                        .doesNotContain(theirs.get("id").asString());
            }

            @Test
            void uniquenessIsTheSameAsTheRestApis() {
                // Usernames and emails are login identifiers, unique across the service, as through the REST API.
                String userName = theirs.get("userName").asString();
                ApiResponse scimTaken = scim("POST", "/Users", minimalUser(userName, uniqueEmail("mine")));
                ApiResponse restTaken = api.post("/api/v1/staffs/")
                        .token(admin.token())
                        .json(Map.of(
                                "first_name",
                                "Re",
                                "last_name",
                                "St",
                                "username",
                                userName,
                                "email",
                                uniqueEmail("rest")))
                        .send();

                assertThat(restTaken.status()).isEqualTo(409);
                assertScimError(scimTaken, 409, "uniqueness");
            }
        }
    }

    // ---------------------------------------------------------------- Users are staff

    @Nested
    class Mapping {

        @Test
        void everyAttributeIsStoredOnTheStaffMemberAndReturned() {
            String userName = uniqueEmail("ada");
            String email = uniqueEmail("ada.work");
            String externalId = "okta-" + unique();

            ApiResponse created = scim("POST", "/Users", fullUser(userName, email, externalId));

            assertThat(created.status()).as(created.body()).isEqualTo(201);
            JsonNode user = created.json();
            String id = user.get("id").asString();
            assertThat(user.get("id").isString()).isTrue();
            assertThat(strings(user.get("schemas"))).containsExactly(USER, ENTERPRISE);
            assertThat(user.get("userName").asString()).isEqualTo(userName);
            assertThat(user.get("externalId").asString()).isEqualTo(externalId);
            assertThat(user.get("name").get("givenName").asString()).isEqualTo("Ada");
            assertThat(user.get("name").get("familyName").asString()).isEqualTo("Lovelace");
            assertThat(user.get("displayName").asString()).isEqualTo("Ada L.");
            assertThat(user.get("emails")).hasSize(1);
            assertThat(user.get("emails").get(0).get("value").asString()).isEqualTo(email);
            assertThat(user.get("emails").get(0).get("type").asString()).isEqualTo("work");
            assertThat(user.get("emails").get(0).get("primary").asBoolean()).isTrue();
            assertThat(user.get("phoneNumbers").toString())
                    .contains("+44 20 7946 0000", "work", "+44 7700 900000", "mobile");
            assertThat(user.get("title").asString()).isEqualTo("Engineer");
            assertThat(user.get("timezone").asString()).isEqualTo("Europe/London");
            assertThat(user.get("active").asBoolean()).isTrue();
            assertThat(user.has("password")).isFalse();
            assertThat(user.has("groups")).isFalse();
            JsonNode enterprise = user.get(ENTERPRISE);
            assertThat(enterprise.get("employeeNumber").asString()).isEqualTo("E-1");
            assertThat(enterprise.get("department").asString()).isEqualTo("R&D");
            assertThat(enterprise.get("costCenter").asString()).isEqualTo("CC9");
            assertThat(enterprise.get("organization").asString()).isEqualTo("Analytical");
            assertThat(enterprise.get("division").asString()).isEqualTo("Engines");
            assertThat(enterprise.get("manager").get("value").asString()).isEqualTo("42");

            JsonNode staff = rest(id);
            assertThat(staff.get("id").asLong()).isEqualTo(Long.parseLong(id));
            assertThat(staff.get("organization").asLong()).isEqualTo(organization);
            assertThat(staff.get("username").asString()).isEqualTo(userName);
            assertThat(staff.get("email").asString()).isEqualTo(email);
            assertThat(staff.get("first_name").asString()).isEqualTo("Ada");
            assertThat(staff.get("last_name").asString()).isEqualTo("Lovelace");
            assertThat(staff.get("job_title").asString()).isEqualTo("Engineer");
            assertThat(staff.get("phone").asString()).isEqualTo("+44 20 7946 0000");
            assertThat(staff.get("mobile_phone").asString()).isEqualTo("+44 7700 900000");
            assertThat(staff.get("time_zone").asString()).isEqualTo("Europe/London");
            assertThat(staff.get("remote_id").asString()).isEqualTo(externalId);
            assertThat(staff.get("is_active").asBoolean()).isTrue();

            Map<String, Object> row =
                    jdbc.sql("""
                            select display_name, employee_number, cost_center, enterprise_organization,
                                   division, department, manager_id, deprovisioned_at
                            from staff where id = :id""").param("id", Long.parseLong(id)).query().singleRow();
            assertThat(row)
                    .containsEntry("display_name", "Ada L.")
                    .containsEntry("employee_number", "E-1")
                    .containsEntry("cost_center", "CC9")
                    .containsEntry("enterprise_organization", "Analytical")
                    .containsEntry("division", "Engines")
                    .containsEntry("department", "R&D")
                    .containsEntry("manager_id", "42");
            assertThat(row.get("deprovisioned_at")).isNull();

            ApiResponse read = scim("GET", "/Users/" + id, null);
            assertThat(read.status()).isEqualTo(200);
            assertThat(read.contentType()).startsWith(SCIM_JSON);
            assertThat(read.json()).isEqualTo(user);
        }

        @Test
        void aStaffMemberMadeThroughTheRestApiIsAUser() {
            String email = uniqueEmail("rest");
            String username = "rest-" + unique();
            JsonNode staff = createStaff(Map.of(
                    "organization", organization,
                    "username", username,
                    "email", email,
                    "first_name", "Rosalind",
                    "last_name", "Franklin",
                    "job_title", "Chemist",
                    "phone", "+44 1223 000000",
                    "mobile_phone", "+44 7700 900111",
                    "time_zone", "Europe/Paris",
                    "remote_id", "hr-" + unique()));
            String id = staff.get("id").asString();

            JsonNode user = scim("GET", "/Users/" + id, null).json(200);

            assertThat(strings(user.get("schemas"))).containsExactly(USER);
            assertThat(user.get("userName").asString()).isEqualTo(username);
            assertThat(user.get("externalId").asString())
                    .isEqualTo(staff.get("remote_id").asString());
            assertThat(user.get("name").get("givenName").asString()).isEqualTo("Rosalind");
            assertThat(user.get("name").get("familyName").asString()).isEqualTo("Franklin");
            assertThat(user.get("displayName").asString()).isEqualTo("Rosalind Franklin");
            assertThat(user.get("emails").get(0).get("value").asString()).isEqualTo(email);
            assertThat(user.get("title").asString()).isEqualTo("Chemist");
            assertThat(user.get("timezone").asString()).isEqualTo("Europe/Paris");
            assertThat(user.get("phoneNumbers").toString()).contains("+44 1223 000000", "+44 7700 900111");
            assertThat(user.get("active").asBoolean()).isTrue();
            assertThat(user.has(ENTERPRISE)).isFalse();
        }

        @Test
        void metaCarriesTypeTimesLocationAndTheVersionOfTheEtag() {
            Instant before = Instant.now().minusSeconds(5);
            ApiResponse created = scim("POST", "/Users", minimalUser(uniqueEmail("meta"), uniqueEmail("meta")));
            JsonNode user = created.json(201);
            String id = user.get("id").asString();
            JsonNode meta = user.get("meta");

            assertThat(meta.get("resourceType").asString()).isEqualTo("User");
            Instant createdAt = Instant.parse(meta.get("created").asString());
            Instant modifiedAt = Instant.parse(meta.get("lastModified").asString());
            assertThat(createdAt).isAfter(before).isBefore(Instant.now().plusSeconds(5));
            assertThat(modifiedAt).isAfterOrEqualTo(createdAt);
            assertThat(meta.get("location").asString()).startsWith("http").endsWith("/scim/v2/Users/" + id);
            assertThat(created.header("Location"))
                    .isEqualTo(meta.get("location").asString());
            assertThat(meta.get("version").asString()).startsWith("W/\"");
            assertThat(created.header("ETag")).isEqualTo(meta.get("version").asString());

            ApiResponse read = scim("GET", "/Users/" + id, null);
            assertThat(read.header("ETag")).isEqualTo(meta.get("version").asString());

            JsonNode patched = patchOk(id, "{\"op\": \"replace\", \"path\": \"title\", \"value\": \"Admiral\"}");
            assertThat(patched.get("meta").get("version").asString())
                    .isNotEqualTo(meta.get("version").asString());
            assertThat(patched.get("meta").get("created").asString())
                    .isEqualTo(meta.get("created").asString());
            assertThat(Instant.parse(patched.get("meta").get("lastModified").asString()))
                    .isAfter(modifiedAt);
            ApiResponse reread = scim("GET", "/Users/" + id, null);
            assertThat(reread.header("ETag"))
                    .isEqualTo(patched.get("meta").get("version").asString());
        }

        @Test
        void groupsAreTheStaffMembersTeamsAndReadOnly() {
            JsonNode user = createUser(uniqueEmail("teamed"));
            String id = user.get("id").asString();
            String teamName = "Night shift " + unique();
            long team = api.post("/api/teams")
                    .token(admin.token())
                    .json(Map.of("name", teamName))
                    .send()
                    .json(201)
                    .get("id")
                    .asLong();
            ApiResponse joined = api.put("/api/teams/" + team + "/members/" + id)
                    .token(admin.token())
                    .send();
            assertThat(joined.status()).as(joined.body()).isEqualTo(204);

            JsonNode read = scim("GET", "/Users/" + id, null).json(200);
            assertThat(read.get("groups")).hasSize(1);
            JsonNode group = read.get("groups").get(0);
            assertThat(group.get("value").asString()).isEqualTo(Long.toString(team));
            assertThat(group.get("display").asString()).isEqualTo(teamName);
            assertThat(group.get("$ref").asString()).endsWith("/scim/v2/Groups/" + team);

            // A replace that leaves groups out, or names others, ignores them (RFC 7644 §3.5.1: read-only).
            String body = minimalUser(
                            read.get("userName").asString(),
                            read.get("userName").asString())
                    .replace("\"name\":", "\"groups\": [{\"value\": \"999999\"}], \"name\":");
            ApiResponse put = scim("PUT", "/Users/" + id, body);
            assertThat(put.status()).as(put.body()).isEqualTo(200);
            assertThat(put.json().get("groups").get(0).get("value").asString()).isEqualTo(Long.toString(team));
            ApiResponse putWithout = scim(
                    "PUT",
                    "/Users/" + id,
                    minimalUser(
                            read.get("userName").asString(),
                            read.get("userName").asString()));
            assertThat(putWithout.status()).as(putWithout.body()).isEqualTo(200);
            assertThat(putWithout.json().get("groups")).hasSize(1);

            JsonNode members = api.get("/api/teams/" + team + "/members")
                    .token(admin.token())
                    .send()
                    .json(200);
            assertThat(members.toString()).contains("\"id\":" + id);
            assertThat(rest(id).get("teams").toString()).contains(teamName);
        }

        @Test
        void withoutNameTheNamesComeFromTheDisplayNameOrTheUserName() {
            JsonNode fromDisplay = create("""
                    {"schemas": ["%s"], "userName": "%s", "displayName": "Katherine Coleman Johnson",
                     "emails": [{"value": "%s"}]}
                    """.formatted(USER, "kj-" + unique(), uniqueEmail("kj")));
            JsonNode fromUserName =
                    create("""
                    {"schemas": ["%s"], "userName": "%s", "emails": [{"value": "%s"}]}
                    """.formatted(USER, "dorothy-" + unique() + "@example.com", uniqueEmail("dv")));

            JsonNode first = rest(fromDisplay.get("id").asString());
            assertThat(first.get("first_name").asString()).isEqualTo("Katherine");
            assertThat(first.get("last_name").asString()).isEqualTo("Coleman Johnson");
            assertThat(fromDisplay.get("displayName").asString()).isEqualTo("Katherine Coleman Johnson");
            JsonNode second = rest(fromUserName.get("id").asString());
            assertThat(second.get("first_name").asString()).startsWith("dorothy-");
        }

        @Test
        void aUserWithoutUserNameIsInvalid() {
            ApiResponse response = scim("POST", "/Users", """
                    {"schemas": ["%s"], "name": {"givenName": "No", "familyName": "Name"}}
                    """.formatted(USER));

            assertScimError(response, 400, "invalidValue");
        }
    }

    @Nested
    class Creation {

        @Test
        void aNewUserIsAMemberAndGetsTheActivationEmailWithoutAPassword() {
            String email = uniqueEmail("pending");
            ApiResponse created = scim("POST", "/Users", minimalUser(email, email));

            assertThat(created.status()).as(created.body()).isEqualTo(201);
            String id = created.json().get("id").asString();
            assertThat(created.header("Location")).endsWith("/scim/v2/Users/" + id);
            assertThat(created.header("ETag"))
                    .isEqualTo(created.json().get("meta").get("version").asString());
            JsonNode staff = rest(id);
            assertThat(strings(staff.get("roles"))).containsExactly("member");
            assertThat(staff.get("has_activated").asBoolean()).isFalse();
            assertThat(TestMail.awaitMessagesTo(email, 1, Duration.ofSeconds(15)))
                    .hasSize(1);
            Integer passwords = jdbc.sql("select count(*) from staff where id = :id and password_hash is not null")
                    .param("id", Long.parseLong(id))
                    .query(Integer.class)
                    .single();
            assertThat(passwords).isZero();
        }

        @Test
        void aPasswordInTheRequestActivatesTheAccountAndNoEmailIsSent() {
            String email = uniqueEmail("with-password");
            String body =
                    minimalUser(email, email).replace("\"name\":", "\"password\": \"" + PASSWORD + "\", \"name\":");

            ApiResponse created = scim("POST", "/Users", body);

            assertThat(created.status()).as(created.body()).isEqualTo(201);
            assertThat(created.json().has("password")).isFalse();
            assertThat(created.body()).doesNotContain(PASSWORD);
            JsonNode staff = rest(created.json().get("id").asString());
            assertThat(staff.get("has_activated").asBoolean()).isTrue();
            assertThat(login(email, PASSWORD)).isNotBlank();
            assertThat(TestMail.awaitMessagesTo(email, 1, Duration.ofSeconds(2)))
                    .isEmpty();
        }

        @Test
        void theKeysScimDefaultRoleIsTheRoleOfItsNewUsers() {
            String managerKey = mintKey(admin, "Entra " + unique(), "admin", "manager")
                    .get("key")
                    .asString();
            String email = uniqueEmail("managed");

            ApiResponse created = scimAs(managerKey, "POST", "/Users", minimalUser(email, email), null);

            assertThat(created.status()).as(created.body()).isEqualTo(201);
            assertThat(strings(rest(created.json().get("id").asString()).get("roles")))
                    .containsExactly("manager");
            // The other key of the organization still makes members.
            JsonNode member = createUser(uniqueEmail("plain"));
            assertThat(strings(rest(member.get("id").asString()).get("roles"))).containsExactly("member");
        }

        @Test
        void aTakenUserNameIs409UniquenessWhateverItsCase() {
            String userName = uniqueEmail("taken");
            createUser(userName);

            ApiResponse again = scim("POST", "/Users", minimalUser(userName.toUpperCase(), uniqueEmail("other")));

            assertScimError(again, 409, "uniqueness");
            assertThat(searchOk("userName eq \"" + userName + "\"")
                            .get("totalResults")
                            .asInt())
                    .isEqualTo(1);
        }

        @Test
        void aTakenEmailIs409Uniqueness() {
            String email = uniqueEmail("shared");
            createUser(email);

            ApiResponse again = scim("POST", "/Users", minimalUser("other-" + unique(), email));

            assertScimError(again, 409, "uniqueness");
        }

        @Test
        void aTakenExternalIdIs409Uniqueness() {
            String externalId = "ext-" + unique();
            create(fullUser(uniqueEmail("first"), uniqueEmail("first"), externalId));

            ApiResponse again =
                    scim("POST", "/Users", fullUser(uniqueEmail("second"), uniqueEmail("second"), externalId));

            assertScimError(again, 409, "uniqueness");
            assertThat(searchOk("externalId eq \"" + externalId + "\"")
                            .get("totalResults")
                            .asInt())
                    .isEqualTo(1);
        }

        @Test
        void aUserCreatedInactiveIsStoredInactive() {
            String userName = uniqueEmail("dormant");
            JsonNode user =
                    create(minimalUser(userName, userName).replace("\"name\":", "\"active\": false, \"name\":"));

            assertThat(user.get("active").asBoolean()).isFalse();
            assertThat(rest(user.get("id").asString()).get("is_active").asBoolean())
                    .isFalse();
        }
    }

    // ---------------------------------------------------------------- Listing

    @Nested
    class Listing {

        @Test
        void startIndexIsOneBasedAndCountPagesThroughAStableOrder() {
            String prefix = "page-" + unique();
            List<String> made = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                made.add(createUser(prefix + "-" + i + "@example.com").get("id").asString());
            }
            String filter = "&filter=" + enc("userName sw \"" + prefix + "\"");

            JsonNode all =
                    scim("GET", "/Users?startIndex=1&count=100" + filter, null).json(200);
            JsonNode second =
                    scim("GET", "/Users?startIndex=2&count=2" + filter, null).json(200);
            JsonNode last =
                    scim("GET", "/Users?startIndex=5&count=2" + filter, null).json(200);
            JsonNode beyond =
                    scim("GET", "/Users?startIndex=9&count=2" + filter, null).json(200);
            JsonNode zeroStart =
                    scim("GET", "/Users?startIndex=0&count=1" + filter, null).json(200);

            assertThat(ids(all)).containsExactlyInAnyOrderElementsOf(made);
            assertThat(all.get("totalResults").asInt()).isEqualTo(5);
            assertThat(all.get("itemsPerPage").asInt()).isEqualTo(5);
            assertThat(all.get("startIndex").asInt()).isEqualTo(1);
            assertThat(second.get("totalResults").asInt()).isEqualTo(5);
            assertThat(second.get("startIndex").asInt()).isEqualTo(2);
            assertThat(second.get("itemsPerPage").asInt()).isEqualTo(2);
            assertThat(ids(second)).containsExactlyElementsOf(ids(all).subList(1, 3));
            assertThat(ids(last)).containsExactly(ids(all).get(4));
            assertThat(beyond.get("totalResults").asInt()).isEqualTo(5);
            assertThat(ids(beyond)).isEmpty();
            assertThat(zeroStart.get("startIndex").asInt()).isEqualTo(1);
            assertThat(ids(zeroStart)).containsExactly(ids(all).getFirst());
        }

        @Test
        void countDefaultsTo100AndIsCappedAt200AndZeroCountsOnly() {
            String prefix = "bulk-" + unique();
            jdbc.sql("""
                            insert into staff (organization_id, username, first_name, last_name)
                            select :org, :prefix || '-' || lpad(n::text, 3, '0'), 'Bulk', 'User ' || n
                            from generate_series(1, 205) n""").param("org", organization).param("prefix", prefix).update();
            String filter = "filter=" + enc("userName sw \"" + prefix + "\"");

            JsonNode byDefault = scim("GET", "/Users?" + filter, null).json(200);
            JsonNode tooMany = scim("GET", "/Users?count=1000&" + filter, null).json(200);
            ApiResponse zero = scim("GET", "/Users?count=0&" + filter, null);

            assertThat(byDefault.get("totalResults").asInt()).isEqualTo(205);
            assertThat(byDefault.get("itemsPerPage").asInt()).isEqualTo(100);
            assertThat(byDefault.get("Resources")).hasSize(100);
            assertThat(tooMany.get("totalResults").asInt()).isEqualTo(205);
            assertThat(tooMany.get("Resources")).hasSize(200);
            assertThat(zero.status()).isEqualTo(200);
            assertThat(zero.json().get("totalResults").asInt()).isEqualTo(205);
            assertThat(zero.json().get("itemsPerPage").asInt()).isZero();
            assertThat(ids(zero.json())).isEmpty();
        }

        @Test
        void attributesAndExcludedAttributesShapeEachResource() {
            String userName = uniqueEmail("shaped");
            JsonNode user = create(fullUser(userName, userName, "ext-" + unique()));
            String id = user.get("id").asString();
            String filter = "&filter=" + enc("id eq \"" + id + "\"");

            JsonNode onlyUserName = scim("GET", "/Users?attributes=userName" + filter, null)
                    .json(200)
                    .get("Resources")
                    .get(0);
            JsonNode qualified = scim(
                            "GET",
                            "/Users?attributes=" + enc(USER + ":name.givenName," + ENTERPRISE + ":department,EMAILS")
                                    + filter,
                            null)
                    .json(200)
                    .get("Resources")
                    .get(0);
            JsonNode excluded = scim(
                            "GET",
                            "/Users?excludedAttributes=emails,name,phoneNumbers," + enc(ENTERPRISE) + filter,
                            null)
                    .json(200)
                    .get("Resources")
                    .get(0);
            JsonNode one = scim("GET", "/Users/" + id + "?attributes=displayName,active", null)
                    .json(200);
            JsonNode oneExcluded = scim("GET", "/Users/" + id + "?excludedAttributes=meta,id", null)
                    .json(200);

            assertThat(onlyUserName.get("id").asString()).isEqualTo(id);
            assertThat(onlyUserName.get("userName").asString()).isEqualTo(userName);
            assertThat(onlyUserName.has("emails")).isFalse();
            assertThat(onlyUserName.has("name")).isFalse();
            assertThat(onlyUserName.has(ENTERPRISE)).isFalse();
            assertThat(onlyUserName.has("schemas")).isTrue();

            assertThat(qualified.get("name").get("givenName").asString()).isEqualTo("Ada");
            assertThat(qualified.get("name").has("familyName")).isFalse();
            assertThat(qualified.get(ENTERPRISE).get("department").asString()).isEqualTo("R&D");
            assertThat(qualified.get(ENTERPRISE).has("costCenter")).isFalse();
            assertThat(qualified.get("emails").get(0).get("value").asString()).isEqualTo(userName);
            assertThat(qualified.has("userName")).isFalse();

            assertThat(excluded.has("emails")).isFalse();
            assertThat(excluded.has("name")).isFalse();
            assertThat(excluded.has("phoneNumbers")).isFalse();
            assertThat(excluded.has(ENTERPRISE)).isFalse();
            assertThat(excluded.get("userName").asString()).isEqualTo(userName);
            assertThat(excluded.get("id").asString()).isEqualTo(id);

            assertThat(one.get("id").asString()).isEqualTo(id);
            assertThat(one.get("displayName").asString()).isEqualTo("Ada L.");
            assertThat(one.get("active").asBoolean()).isTrue();
            assertThat(one.has("userName")).isFalse();
            assertThat(oneExcluded.has("meta")).isFalse();
            assertThat(oneExcluded.get("id").asString())
                    .as("id is always returned")
                    .isEqualTo(id);
        }

        @Test
        void inactiveUsersAreListed() {
            String userName = uniqueEmail("inactive");
            JsonNode user = createUser(userName);
            patchOk(user.get("id").asString(), "{\"op\": \"replace\", \"path\": \"active\", \"value\": false}");

            JsonNode list = searchOk("userName eq \"" + userName + "\"");

            assertThat(list.get("totalResults").asInt()).isEqualTo(1);
            assertThat(list.get("Resources").get(0).get("active").asBoolean()).isFalse();
            assertThat(ids(scim("GET", "/Users?count=200", null).json()))
                    .contains(user.get("id").asString());
        }

        @Test
        void anUnfilteredListHoldsTheOrganizationsStaffButNotItsServiceUser() {
            JsonNode user = createUser(uniqueEmail("everyone"));

            JsonNode list = scim("GET", "/Users", null).json(200);

            assertThat(ids(list))
                    .containsExactlyInAnyOrder(
                            Long.toString(admin.id()), user.get("id").asString());
            assertThat(list.get("totalResults").asInt()).isEqualTo(2);
        }

        @Test
        void aCountOrStartIndexThatIsNoNumberIsInvalid() {
            assertScimError(scim("GET", "/Users?count=many", null), 400, "invalidValue");
            assertScimError(scim("GET", "/Users?startIndex=first", null), 400, "invalidValue");
        }
    }

    // ---------------------------------------------------------------- Filters

    @Nested
    class Filters {

        private String prefix;
        private final Map<String, JsonNode> users = new java.util.HashMap<>();

        @BeforeEach
        void threeUsers() {
            prefix = "flt-" + unique();
            users.put(
                    "alice",
                    create(user("alice", "Alice", "Archer", "Alice Archer", "@work.example", "Engineer", true, "R&D")));
            users.put("bob", create(user("bob", "Bob", "Baker", "Bobby", "@home.example", null, false, null)));
            users.put(
                    "carol",
                    create(user("carol", "Carol", "Carter", "Carol C", "@work.example", "Manager", true, "Sales")));
        }

        private String user(
                String who,
                String given,
                String family,
                String display,
                String domain,
                String title,
                boolean active,
                String department) {
            return """
                    {"schemas": ["%s", "%s"], "userName": "%s", "externalId": "%s",
                     "name": {"givenName": "%s", "familyName": "%s"}, "displayName": "%s",
                     "emails": [{"value": "%s", "type": "work", "primary": true}],
                     %s "active": %s %s}
                    """.formatted(
                    USER,
                    ENTERPRISE,
                    userName(who),
                    "ext-" + prefix + "-" + who,
                    given,
                    family,
                    display,
                    email(who, domain),
                    title == null ? "" : "\"title\": \"" + title + "\",",
                    active,
                    department == null ? "" : ", \"" + ENTERPRISE + "\": {\"department\": \"" + department + "\"}");
        }

        private String userName(String who) {
            return prefix + "-" + who + "@example.com";
        }

        private String email(String who, String domain) {
            return who + "-" + prefix + domain;
        }

        /** Who of the three users matches {@code filter}. */
        private Set<String> matches(String filter) {
            JsonNode list = searchOk("userName sw \"" + prefix + "\" and (" + filter + ")");
            return names(list);
        }

        private Set<String> names(JsonNode list) {
            Set<String> names = new LinkedHashSet<>();
            list.get("Resources").forEach(resource -> {
                String userName = resource.get("userName").asString();
                names.add(userName.substring(prefix.length() + 1, userName.indexOf('@')));
            });
            assertThat(list.get("totalResults").asInt()).isEqualTo(names.size());
            return names;
        }

        @Test
        void userNameTakesEveryOperator() {
            String bob = userName("bob");
            assertThat(matches("userName eq \"" + bob + "\"")).containsExactly("bob");
            assertThat(matches("userName eq \"" + bob.toUpperCase() + "\""))
                    .as("caseExact false")
                    .containsExactly("bob");
            assertThat(matches("userName ne \"" + bob + "\"")).containsExactlyInAnyOrder("alice", "carol");
            assertThat(matches("userName co \"-bo\"")).containsExactly("bob");
            assertThat(matches("userName sw \"" + prefix + "-c\"")).containsExactly("carol");
            assertThat(matches("userName ew \"ice@example.com\"")).containsExactly("alice");
            assertThat(matches("userName pr")).containsExactlyInAnyOrder("alice", "bob", "carol");
            assertThat(matches("userName gt \"" + bob + "\"")).containsExactly("carol");
            assertThat(matches("userName ge \"" + bob + "\"")).containsExactlyInAnyOrder("bob", "carol");
            assertThat(matches("userName lt \"" + bob + "\"")).containsExactly("alice");
            assertThat(matches("userName le \"" + bob + "\"")).containsExactlyInAnyOrder("alice", "bob");
        }

        @Test
        void externalIdEmailsNamesDisplayNameAndTitle() {
            assertThat(matches("externalId eq \"ext-" + prefix + "-carol\"")).containsExactly("carol");
            assertThat(matches("externalId sw \"ext-" + prefix + "-\"")).hasSize(3);
            assertThat(matches("emails.value eq \"" + email("alice", "@work.example") + "\""))
                    .containsExactly("alice");
            assertThat(matches("emails.value co \"@work.example\"")).containsExactlyInAnyOrder("alice", "carol");
            assertThat(matches("emails.value ew \"@home.example\"")).containsExactly("bob");
            assertThat(matches("emails pr")).hasSize(3);
            assertThat(matches("emails.type eq \"work\"")).hasSize(3);
            assertThat(matches("name.givenName eq \"Alice\"")).containsExactly("alice");
            assertThat(matches("name.givenName sw \"Ca\"")).containsExactly("carol");
            assertThat(matches("name.givenName co \"LIC\""))
                    .as("caseExact false")
                    .containsExactly("alice");
            assertThat(matches("name.familyName ew \"cher\"")).containsExactly("alice");
            assertThat(matches("name.familyName ne \"Baker\"")).containsExactlyInAnyOrder("alice", "carol");
            assertThat(matches("displayName eq \"Bobby\"")).containsExactly("bob");
            assertThat(matches("displayName co \"Arch\"")).containsExactly("alice");
            assertThat(matches("title pr")).containsExactlyInAnyOrder("alice", "carol");
            assertThat(matches("title eq \"Manager\"")).containsExactly("carol");
        }

        @Test
        void valuePaths() {
            String alice = email("alice", "@work.example");
            assertThat(matches("emails[type eq \"work\"].value eq \"" + alice + "\""))
                    .containsExactly("alice");
            assertThat(matches("emails[type eq \"work\" and value co \"alice\"]"))
                    .containsExactly("alice");
            assertThat(matches("emails[type eq \"work\" and value ew \"@work.example\"]"))
                    .containsExactlyInAnyOrder("alice", "carol");
            assertThat(matches("emails[type eq \"home\"]")).isEmpty();
            assertThat(matches("emails[value sw \"bob-\"]")).containsExactly("bob");
            assertThat(matches("emails[type eq \"work\"].value co \"carol\"")).containsExactly("carol");

            // As Entra ID sends it, alone.
            JsonNode alone = searchOk("emails[type eq \"work\"].value eq \"" + alice + "\"");
            assertThat(names(alone)).containsExactly("alice");
        }

        @Test
        void activeIdAndLastModified() {
            String bobId = users.get("bob").get("id").asString();
            assertThat(matches("active eq false")).containsExactly("bob");
            assertThat(matches("active eq true")).containsExactlyInAnyOrder("alice", "carol");
            assertThat(matches("active ne true")).containsExactly("bob");
            assertThat(matches("id eq \"" + bobId + "\"")).containsExactly("bob");
            assertThat(matches("id ne \"" + bobId + "\"")).containsExactlyInAnyOrder("alice", "carol");
            assertThat(matches("id eq \"not-an-id\"")).isEmpty();
            assertThat(matches("id gt \"" + bobId + "\"")).containsExactly("carol");

            String bobModified =
                    users.get("bob").get("meta").get("lastModified").asString();
            assertThat(matches("meta.lastModified ge \"" + bobModified + "\""))
                    .containsExactlyInAnyOrder("bob", "carol");
            assertThat(matches("meta.lastModified gt \"" + bobModified + "\"")).containsExactly("carol");
            assertThat(matches("meta.lastModified lt \"" + bobModified + "\"")).containsExactly("alice");
            assertThat(matches("meta.lastModified le \"" + bobModified + "\""))
                    .containsExactlyInAnyOrder("alice", "bob");
            assertThat(matches("meta.lastModified gt \"2000-01-01T00:00:00Z\"")).hasSize(3);
        }

        @Test
        void logicalOperatorsAndParentheses() {
            assertThat(matches("name.givenName eq \"Alice\" or externalId eq \"ext-" + prefix + "-carol\""))
                    .containsExactlyInAnyOrder("alice", "carol");
            assertThat(matches("name.givenName sw \"A\" and active eq true")).containsExactly("alice");
            assertThat(matches("not (title pr)")).containsExactly("bob");
            assertThat(matches("not (active eq true) or title eq \"Manager\""))
                    .containsExactlyInAnyOrder("bob", "carol");
            assertThat(matches("(name.givenName eq \"Alice\" or name.givenName eq \"Bob\") and active eq true"))
                    .containsExactly("alice");
            assertThat(matches("name.givenName eq \"Alice\" or (name.givenName eq \"Bob\" and active eq true)"))
                    .containsExactly("alice");
            assertThat(matches("not (name.givenName eq \"Alice\" or name.givenName eq \"Bob\")"))
                    .containsExactly("carol");
        }

        @Test
        void attributeNamesAreCaseInsensitiveAndMayCarryTheirSchemasUrn() {
            String bob = userName("bob");
            assertThat(matches("USERNAME eq \"" + bob + "\"")).containsExactly("bob");
            assertThat(matches("Name.GivenName eq \"Carol\"")).containsExactly("carol");
            assertThat(matches("EMAILS.VALUE co \"alice\"")).containsExactly("alice");
            assertThat(matches("ExternalID eq \"ext-" + prefix + "-bob\"")).containsExactly("bob");
            assertThat(matches("ACTIVE eq false")).containsExactly("bob");
            assertThat(matches("userName EQ \"" + bob + "\""))
                    .as("operators too")
                    .containsExactly("bob");
            assertThat(matches(USER + ":userName eq \"" + bob + "\"")).containsExactly("bob");
            assertThat(matches(USER + ":name.familyName eq \"Baker\"")).containsExactly("bob");
            assertThat(matches(USER + ":emails[type eq \"work\"].value co \"carol\""))
                    .containsExactly("carol");
            assertThat(matches(ENTERPRISE + ":department eq \"R&D\"")).containsExactly("alice");
        }

        @Test
        void anUnsupportedAttributeOrAMalformedFilterIs400InvalidFilter() {
            for (String filter : List.of(
                    "nickName eq \"x\"",
                    "urn:example:custom:User:foo eq \"x\"",
                    "userName eq",
                    "userName xx \"a\"",
                    "(userName eq \"a\"",
                    "userName eq \"a\" and",
                    "emails[type eq \"work\"",
                    "userName eq \"a\"]",
                    "userName eq \"unterminated",
                    "meta.lastModified gt \"yesterday\"",
                    "active eq \"maybe\"")) {
                ApiResponse response = search(filter);
                assertThat(response.status())
                        .as(filter + " -> " + response.body())
                        .isEqualTo(400);
                assertScimError(response, 400, "invalidFilter");
            }
        }
    }

    // ---------------------------------------------------------------- PUT

    @Nested
    class Replace {

        @Test
        void putReplacesTheProfileAndClearsWhatItLeavesOutButKeepsRolesAndStores() {
            String userName = uniqueEmail("replaced");
            JsonNode user = create(fullUser(userName, userName, "ext-" + unique()));
            String id = user.get("id").asString();
            long store = api.post("/api/v1/stores")
                    .token(admin.token())
                    .json(Map.of("name", "Store " + unique()))
                    .send()
                    .json(201)
                    .get("id")
                    .asLong();
            api.patch("/api/v1/staffs/" + id)
                    .token(admin.token())
                    .json(Map.of(
                            "roles", List.of("manager"), "retail_stores", List.of(store), "tags", List.of("night")))
                    .send()
                    .json(200);

            ApiResponse put = scim("PUT", "/Users/" + id, """
                    {"schemas": ["%s"], "id": "%s", "userName": "%s",
                     "name": {"givenName": "Augusta", "familyName": "King"},
                     "emails": [{"value": "%s", "type": "work", "primary": true}], "active": true}
                    """.formatted(USER, id, userName, userName));

            assertThat(put.status()).as(put.body()).isEqualTo(200);
            assertThat(put.contentType()).startsWith(SCIM_JSON);
            JsonNode replaced = put.json();
            assertThat(put.header("ETag"))
                    .isEqualTo(replaced.get("meta").get("version").asString());
            assertThat(replaced.get("name").get("givenName").asString()).isEqualTo("Augusta");
            assertThat(replaced.has("externalId")).isFalse();
            assertThat(replaced.has("title")).isFalse();
            assertThat(replaced.has("timezone")).isFalse();
            assertThat(replaced.has("phoneNumbers")).isFalse();
            assertThat(replaced.has(ENTERPRISE)).isFalse();
            assertThat(replaced.get("displayName").asString()).isEqualTo("Augusta King");

            JsonNode staff = rest(id);
            assertThat(staff.get("first_name").asString()).isEqualTo("Augusta");
            assertThat(staff.get("last_name").asString()).isEqualTo("King");
            assertThat(staff.get("job_title").isNull()).isTrue();
            assertThat(staff.get("phone").isNull()).isTrue();
            assertThat(staff.get("mobile_phone").isNull()).isTrue();
            assertThat(staff.get("remote_id").isNull()).isTrue();
            assertThat(strings(staff.get("roles"))).containsExactly("manager");
            assertThat(staff.get("retail_stores").toString()).contains("\"id\":" + store);
            assertThat(strings(staff.get("tags"))).containsExactly("night");
            Map<String, Object> row = jdbc.sql(
                            "select display_name, employee_number, department, manager_id from staff where id = :id")
                    .param("id", Long.parseLong(id))
                    .query()
                    .singleRow();
            assertThat(row.values()).containsOnlyNulls();
        }

        @Test
        void putToATakenUserNameIs409AndChangesNothing() {
            String taken = uniqueEmail("taken");
            createUser(taken);
            String mine = uniqueEmail("mine");
            JsonNode user = createUser(mine);

            ApiResponse put = scim("PUT", "/Users/" + user.get("id").asString(), minimalUser(taken, mine));

            assertScimError(put, 409, "uniqueness");
            assertThat(rest(user.get("id").asString()).get("username").asString())
                    .isEqualTo(mine);
        }

        @Test
        void ifMatchStaleIs412AndCurrentSucceeds() {
            String userName = uniqueEmail("versioned");
            ApiResponse created = scim("POST", "/Users", minimalUser(userName, userName));
            String id = created.json().get("id").asString();
            String first = created.header("ETag");
            JsonNode changed = patchOk(id, "{\"op\": \"replace\", \"path\": \"title\", \"value\": \"One\"}");
            String current = changed.get("meta").get("version").asString();

            ApiResponse stale =
                    scim("PUT", "/Users/" + id, minimalUser(userName, userName).replace("Grace", "Stale"), first);
            ApiResponse fresh =
                    scim("PUT", "/Users/" + id, minimalUser(userName, userName).replace("Grace", "Fresh"), current);
            ApiResponse anyVersion =
                    scim("PUT", "/Users/" + id, minimalUser(userName, userName).replace("Grace", "Any"), "*");

            assertScimError(stale, 412, null);
            assertThat(fresh.status()).as(fresh.body()).isEqualTo(200);
            assertThat(anyVersion.status()).as(anyVersion.body()).isEqualTo(200);
            assertThat(rest(id).get("first_name").asString()).isEqualTo("Any");
        }
    }

    // ---------------------------------------------------------------- PATCH

    @Nested
    class Patch {

        private String id;
        private String userName;

        @BeforeEach
        void aFullUser() {
            userName = uniqueEmail("patched");
            id = create(fullUser(userName, userName, "ext-" + unique()))
                    .get("id")
                    .asString();
        }

        @Test
        void addReplaceAndRemoveWithAPath() {
            JsonNode added = patchOk(id, "{\"op\": \"add\", \"path\": \"title\", \"value\": \"Countess\"}");
            JsonNode replaced =
                    patchOk(id, "{\"op\": \"replace\", \"path\": \"name.familyName\", \"value\": \"King\"}");
            JsonNode removed = patchOk(id, "{\"op\": \"remove\", \"path\": \"timezone\"}");

            assertThat(added.get("title").asString()).isEqualTo("Countess");
            assertThat(replaced.get("name").get("familyName").asString()).isEqualTo("King");
            assertThat(removed.has("timezone")).isFalse();
            JsonNode staff = rest(id);
            assertThat(staff.get("job_title").asString()).isEqualTo("Countess");
            assertThat(staff.get("last_name").asString()).isEqualTo("King");
            assertThat(staff.get("time_zone").isNull()).isTrue();
            assertThat(staff.get("first_name").asString()).as("untouched").isEqualTo("Ada");
            assertThat(staff.get("phone").asString()).as("untouched").isEqualTo("+44 20 7946 0000");
        }

        @Test
        void addAndReplaceWithoutAPath() {
            JsonNode replaced = patchOk(
                    id,
                    "{\"op\": \"replace\", \"value\": {\"displayName\": \"Countess\", \"title\": \"Mathematician\", \"name\": {\"givenName\": \"Augusta\", \"familyName\": \"Lovelace\"}}}");
            JsonNode added = patchOk(id, "{\"op\": \"add\", \"value\": {\"timezone\": \"Europe/Paris\"}}");

            assertThat(replaced.get("displayName").asString()).isEqualTo("Countess");
            assertThat(replaced.get("title").asString()).isEqualTo("Mathematician");
            assertThat(added.get("timezone").asString()).isEqualTo("Europe/Paris");
            assertThat(added.get("title").asString()).isEqualTo("Mathematician");
            JsonNode staff = rest(id);
            assertThat(staff.get("first_name").asString()).isEqualTo("Augusta");
            assertThat(staff.get("time_zone").asString()).isEqualTo("Europe/Paris");
            assertThat(staff.get("email").asString()).as("untouched").isEqualTo(userName);
        }

        @Test
        void valueFilteredPaths() {
            String newEmail = uniqueEmail("new");
            JsonNode email = patchOk(
                    id,
                    "{\"op\": \"replace\", \"path\": \"emails[type eq \\\"work\\\"].value\", \"value\": \"" + newEmail
                            + "\"}");
            JsonNode phone = patchOk(
                    id,
                    "{\"op\": \"replace\", \"path\": \"phoneNumbers[type eq \\\"work\\\"].value\", \"value\": \"+1 555 0100\"}");
            JsonNode noMobile = patchOk(id, "{\"op\": \"remove\", \"path\": \"phoneNumbers[type eq \\\"mobile\\\"]\"}");

            assertThat(email.get("emails").get(0).get("value").asString()).isEqualTo(newEmail);
            assertThat(phone.get("phoneNumbers").toString()).contains("+1 555 0100");
            assertThat(noMobile.get("phoneNumbers")).hasSize(1);
            JsonNode staff = rest(id);
            assertThat(staff.get("email").asString()).isEqualTo(newEmail);
            assertThat(staff.get("phone").asString()).isEqualTo("+1 555 0100");
            assertThat(staff.get("mobile_phone").isNull()).isTrue();

            // A member needs an email, through SCIM as through the REST API.
            ApiResponse noEmail = scim(
                    "PATCH",
                    "/Users/" + id,
                    patchBody("{\"op\": \"remove\", \"path\": \"emails[type eq \\\"work\\\"]\"}"));
            assertScimError(noEmail, 400, "invalidValue");
            assertThat(rest(id).get("email").asString()).isEqualTo(newEmail);
        }

        @Test
        void addToAMultiValuedAttributeAppends() {
            JsonNode user = createUser(uniqueEmail("phoneless"));
            ApiResponse patched = scim(
                    "PATCH",
                    "/Users/" + user.get("id").asString(),
                    patchBody(
                            "{\"op\": \"add\", \"path\": \"phoneNumbers\", \"value\": [{\"value\": \"+1 555 0199\", \"type\": \"mobile\"}]}"));

            assertThat(patched.status()).as(patched.body()).isEqualTo(200);
            assertThat(rest(user.get("id").asString()).get("mobile_phone").asString())
                    .isEqualTo("+1 555 0199");
        }

        @Test
        void opInAnyLetterCase() {
            patchOk(id, "{\"op\": \"Add\", \"path\": \"title\", \"value\": \"A\"}");
            patchOk(id, "{\"op\": \"REPLACE\", \"path\": \"displayName\", \"value\": \"B\"}");
            JsonNode last = patchOk(id, "{\"op\": \"Remove\", \"path\": \"timezone\"}");

            assertThat(last.get("title").asString()).isEqualTo("A");
            assertThat(last.get("displayName").asString()).isEqualTo("B");
            assertThat(last.has("timezone")).isFalse();
        }

        @Test
        void activeAsTheStringsFalseAndTrue() {
            JsonNode off = patchOk(id, "{\"op\": \"Replace\", \"path\": \"active\", \"value\": \"False\"}");
            assertThat(off.get("active").asBoolean()).isFalse();
            assertThat(off.get("active").isBoolean()).isTrue();
            assertThat(rest(id).get("is_active").asBoolean()).isFalse();

            JsonNode on = patchOk(id, "{\"op\": \"Replace\", \"path\": \"active\", \"value\": \"True\"}");
            assertThat(on.get("active").asBoolean()).isTrue();
            assertThat(rest(id).get("is_active").asBoolean()).isTrue();

            JsonNode pathless = patchOk(id, "{\"op\": \"replace\", \"value\": {\"active\": \"false\"}}");
            assertThat(pathless.get("active").asBoolean()).isFalse();
        }

        @Test
        void addOnASingleValuedAttributeSetsIt() {
            JsonNode added =
                    patchOk(id, "{\"op\": \"add\", \"path\": \"displayName\", \"value\": \"Ada the Countess\"}");
            JsonNode nested = patchOk(id, "{\"op\": \"add\", \"path\": \"name.givenName\", \"value\": \"Augusta\"}");
            JsonNode enterprise = patchOk(
                    id, "{\"op\": \"add\", \"path\": \"" + ENTERPRISE + ":department\", \"value\": \"Poetry\"}");

            assertThat(added.get("displayName").asString()).isEqualTo("Ada the Countess");
            assertThat(nested.get("name").get("givenName").asString()).isEqualTo("Augusta");
            assertThat(enterprise.get(ENTERPRISE).get("department").asString()).isEqualTo("Poetry");
            assertThat(enterprise.get(ENTERPRISE).get("employeeNumber").asString())
                    .as("untouched")
                    .isEqualTo("E-1");
        }

        @Test
        void pathlessReplaceWithDottedAndUrnQualifiedKeys() {
            JsonNode patched = patchOk(id, """
                    {"op": "replace", "value": {
                       "name.givenName": "Augusta", "name.familyName": "King",
                       "%s:employeeNumber": "E-2",
                       "%s:manager": {"value": "77"},
                       "%s:title": "Countess",
                       "%s": {"division": "Poetry"}}}
                    """.formatted(ENTERPRISE, ENTERPRISE, USER, ENTERPRISE));

            assertThat(patched.get("name").get("givenName").asString()).isEqualTo("Augusta");
            assertThat(patched.get("name").get("familyName").asString()).isEqualTo("King");
            assertThat(patched.get("title").asString()).isEqualTo("Countess");
            JsonNode enterprise = patched.get(ENTERPRISE);
            assertThat(enterprise.get("employeeNumber").asString()).isEqualTo("E-2");
            assertThat(enterprise.get("manager").get("value").asString()).isEqualTo("77");
            assertThat(enterprise.get("division").asString()).isEqualTo("Poetry");
            assertThat(enterprise.get("department").asString()).as("untouched").isEqualTo("R&D");
            Map<String, Object> row = jdbc.sql("select employee_number, manager_id, division from staff where id = :id")
                    .param("id", Long.parseLong(id))
                    .query()
                    .singleRow();
            assertThat(row).containsEntry("employee_number", "E-2").containsEntry("manager_id", "77");
            assertThat(rest(id).get("first_name").asString()).isEqualTo("Augusta");
        }

        @Test
        void enterpriseAttributesByUrnPath() {
            JsonNode replaced = patchOk(
                    id, "{\"op\": \"replace\", \"path\": \"" + ENTERPRISE + ":costCenter\", \"value\": \"CC1\"}");
            JsonNode managerAsString = patchOk(
                    id,
                    "{\"op\": \"Add\", \"path\": \"" + ENTERPRISE
                            + ":manager\", \"value\": \"2819c223-7f76-453a-919d-413861904646\"}");
            JsonNode noManager = patchOk(id, "{\"op\": \"Remove\", \"path\": \"" + ENTERPRISE + ":manager\"}");

            assertThat(replaced.get(ENTERPRISE).get("costCenter").asString()).isEqualTo("CC1");
            assertThat(managerAsString
                            .get(ENTERPRISE)
                            .get("manager")
                            .get("value")
                            .asString())
                    .isEqualTo("2819c223-7f76-453a-919d-413861904646");
            assertThat(noManager.get(ENTERPRISE).has("manager")).isFalse();
        }

        @Test
        void severalOperationsAreAllOrNothing() {
            ApiResponse failed = scim("PATCH", "/Users/" + id, patchBody("""
                    {"op": "replace", "path": "title", "value": "Should not stick"},
                    {"op": "remove"}"""));

            assertScimError(failed, 400, "noTarget");
            assertThat(rest(id).get("job_title").asString()).isEqualTo("Engineer");
        }

        @Test
        void malformedOperationsAreScimErrors() {
            assertScimError(scim("PATCH", "/Users/" + id, patchBody("{\"op\": \"remove\"}")), 400, "noTarget");
            assertScimError(
                    scim(
                            "PATCH",
                            "/Users/" + id,
                            patchBody("{\"op\": \"move\", \"path\": \"title\", \"value\": \"x\"}")),
                    400,
                    "invalidValue");
            assertScimError(
                    scim(
                            "PATCH",
                            "/Users/" + id,
                            patchBody("{\"op\": \"replace\", \"path\": \"emails[type eq\", \"value\": \"x\"}")),
                    400,
                    "invalidPath");
            assertScimError(
                    scim("PATCH", "/Users/" + id, "{\"schemas\": [\"" + PATCH_OP + "\"], \"Operations\": []}"),
                    400,
                    "invalidValue");
            assertScimError(
                    scim(
                            "PATCH",
                            "/Users/" + id,
                            patchBody("{\"op\": \"replace\", \"path\": \"active\", \"value\": \"perhaps\"}")),
                    400,
                    "invalidValue");
        }

        @Test
        void replacingTheUserNameWithATakenOneIs409() {
            String taken = uniqueEmail("someone");
            createUser(taken);

            ApiResponse patched = scim(
                    "PATCH",
                    "/Users/" + id,
                    patchBody("{\"op\": \"Replace\", \"path\": \"userName\", \"value\": \"" + taken + "\"}"));

            assertScimError(patched, 409, "uniqueness");
        }

        @Test
        void deactivationByPatchKeepsTheUserVisibleToScim() {
            patchOk(id, "{\"op\": \"replace\", \"path\": \"active\", \"value\": false}");

            ApiResponse read = scim("GET", "/Users/" + id, null);
            assertThat(read.status()).isEqualTo(200);
            assertThat(read.json().get("active").asBoolean()).isFalse();
            assertThat(searchOk("userName eq \"" + userName + "\"")
                            .get("totalResults")
                            .asInt())
                    .isEqualTo(1);
            assertThat(rest(id).get("is_active").asBoolean()).isFalse();
            assertThat(auditTypes(id)).contains("staff.deactivated");

            JsonNode back = patchOk(id, "{\"op\": \"replace\", \"path\": \"active\", \"value\": true}");
            assertThat(back.get("active").asBoolean()).isTrue();
            assertThat(rest(id).get("is_active").asBoolean()).isTrue();
        }

        @Test
        void ifMatchStaleIs412AndCurrentSucceeds() {
            ApiResponse read = scim("GET", "/Users/" + id, null);
            String current = read.header("ETag");
            patchOk(id, "{\"op\": \"replace\", \"path\": \"title\", \"value\": \"Newer\"}");

            ApiResponse stale = scim(
                    "PATCH",
                    "/Users/" + id,
                    patchBody("{\"op\": \"replace\", \"path\": \"title\", \"value\": \"Stale\"}"),
                    current);
            ApiResponse bogus = scim(
                    "PATCH",
                    "/Users/" + id,
                    patchBody("{\"op\": \"replace\", \"path\": \"title\", \"value\": \"Bogus\"}"),
                    "\"no-such-version\"");
            String now = scim("GET", "/Users/" + id, null).header("ETag");
            ApiResponse fresh = scim(
                    "PATCH",
                    "/Users/" + id,
                    patchBody("{\"op\": \"replace\", \"path\": \"title\", \"value\": \"Fresh\"}"),
                    now);

            assertScimError(stale, 412, null);
            assertScimError(bogus, 412, null);
            assertThat(fresh.status()).as(fresh.body()).isEqualTo(200);
            assertThat(rest(id).get("job_title").asString()).isEqualTo("Fresh");
        }

        @Test
        void patchingGroupsDoesNotChangeTeams() {
            ApiResponse patched = scim(
                    "PATCH",
                    "/Users/" + id,
                    patchBody("{\"op\": \"add\", \"path\": \"groups\", \"value\": [{\"value\": \"12345\"}]}"));

            // groups is read-only: ignored or refused, but never a membership.
            assertThat(patched.status()).as(patched.body()).isIn(200, 400);
            assertThat(rest(id).get("teams")).isEmpty();
        }
    }

    // ---------------------------------------------------------------- DELETE

    @Nested
    class Delete {

        @Test
        void deleteDeactivatesHidesFromScimAndKeepsTheStaffMemberAndItsTrail() {
            String userName = uniqueEmail("leaver");
            JsonNode user = createUser(userName);
            String id = user.get("id").asString();

            ApiResponse deleted = scim("DELETE", "/Users/" + id, null);

            assertThat(deleted.status()).as(deleted.body()).isEqualTo(204);
            assertThat(deleted.body()).isEmpty();
            assertScimError(scim("GET", "/Users/" + id, null), 404, null);
            assertThat(searchOk("userName eq \"" + userName + "\"")
                            .get("totalResults")
                            .asInt())
                    .isZero();
            assertThat(searchOk("id eq \"" + id + "\"").get("totalResults").asInt())
                    .isZero();
            assertThat(ids(scim("GET", "/Users?count=200", null).json())).doesNotContain(id);
            assertScimError(scim("PUT", "/Users/" + id, minimalUser(userName, userName)), 404, null);
            assertScimError(
                    scim(
                            "PATCH",
                            "/Users/" + id,
                            patchBody("{\"op\": \"replace\", \"path\": \"active\", \"value\": true}")),
                    404,
                    null);
            assertScimError(scim("DELETE", "/Users/" + id, null), 404, null);

            JsonNode staff = rest(id);
            assertThat(staff.get("is_active").asBoolean()).isFalse();
            assertThat(staff.get("username").asString()).isEqualTo(userName);
            assertThat(jdbc.sql("select deprovisioned_at is not null from staff where id = :id")
                            .param("id", Long.parseLong(id))
                            .query(Boolean.class)
                            .single())
                    .isTrue();
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(auditTypes(id)).contains("staff.created", "staff.deactivated"));
        }

        @Test
        void ifMatchStaleIs412AndCurrentDeletes() {
            String userName = uniqueEmail("versioned-leaver");
            ApiResponse created = scim("POST", "/Users", minimalUser(userName, userName));
            String id = created.json().get("id").asString();
            JsonNode changed = patchOk(id, "{\"op\": \"replace\", \"path\": \"title\", \"value\": \"Changed\"}");

            assertScimError(scim("DELETE", "/Users/" + id, null, created.header("ETag")), 412, null);
            assertThat(scim("GET", "/Users/" + id, null).status()).isEqualTo(200);
            ApiResponse deleted = scim(
                    "DELETE",
                    "/Users/" + id,
                    null,
                    changed.get("meta").get("version").asString());
            assertThat(deleted.status()).as(deleted.body()).isEqualTo(204);
        }
    }

    // ---------------------------------------------------------------- Audit

    @Nested
    class Audit {

        @Test
        void createUpdateAndDeleteAreRecordedWithTheKeyAsActor() {
            JsonNode user = createUser(uniqueEmail("audited"));
            String id = user.get("id").asString();
            patchOk(id, "{\"op\": \"replace\", \"path\": \"title\", \"value\": \"Audited\"}");
            assertThat(scim("DELETE", "/Users/" + id, null).status()).isEqualTo(204);

            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() ->
                            assertThat(auditTypes(id)).contains("staff.created", "staff.updated", "staff.deactivated"));
            for (JsonNode event : auditEvents(id)) {
                String type = event.get("type").asString();
                if (List.of("staff.created", "staff.updated", "staff.deactivated")
                        .contains(type)) {
                    assertThat(event.get("actor").get("type").asString())
                            .as(type)
                            .isEqualTo("api_key");
                    assertThat(event.get("actor").get("id").asLong())
                            .as(type)
                            .isEqualTo(provisioner.get("id").asLong());
                    assertThat(event.get("actor").get("display").asString())
                            .isEqualTo(provisioner.get("name").asString());
                    assertThat(event.get("actor").get("created_by").get("id").asLong())
                            .isEqualTo(admin.id());
                }
            }
            List<com.staffkit.common.events.DomainEvent> committed = events.about("staff", Long.parseLong(id));
            assertThat(committed)
                    .extracting(com.staffkit.common.events.DomainEvent::type)
                    .contains("staff.created", "staff.updated", "staff.deactivated");
            assertThat(committed).allSatisfy(event -> {
                assertThat(event.actor().id()).isEqualTo(provisioner.get("id").asLong());
                assertThat(event.actor().keyCreatorId()).isEqualTo(admin.id());
                assertThat(event.organizationId()).isEqualTo(organization);
            });
            JsonNode updated = auditEvents(id).stream()
                    .filter(event -> event.get("type").asString().equals("staff.updated"))
                    .findFirst()
                    .orElseThrow();
            assertThat(updated.get("changes").toString()).contains("job_title", "Audited");
        }
    }

    // ---------------------------------------------------------------- What identity providers send

    @Nested
    class Okta {

        @Test
        void existenceCheckOfAnUnknownUserIsAnEmptyList() {
            ApiResponse response = scim(
                    "GET",
                    "/Users?filter=userName%20eq%20%22" + enc("nobody-" + unique() + "@okta.local")
                            + "%22&startIndex=1&count=100",
                    null);

            assertThat(response.status()).as(response.body()).isEqualTo(200);
            assertThat(response.contentType()).startsWith(SCIM_JSON);
            JsonNode list = response.json();
            assertThat(strings(list.get("schemas"))).containsExactly(LIST);
            assertThat(list.get("totalResults").asInt()).isZero();
            assertThat(list.get("startIndex").asInt()).isEqualTo(1);
            assertThat(list.get("itemsPerPage").asInt()).isZero();
            assertThat(ids(list)).isEmpty();
        }

        @Test
        void testConnectionListsUsers() {
            createUser(uniqueEmail("connection"));

            ApiResponse response = scim("GET", "/Users?startIndex=1&count=2", null);

            assertThat(response.status()).as(response.body()).isEqualTo(200);
            assertThat(response.json().get("Resources")).hasSize(2);
            assertThat(response.json().get("itemsPerPage").asInt()).isEqualTo(2);
        }

        @Test
        void createLookUpUpdateByPutAndDeactivate() {
            String userName = "test.user-" + unique() + "@okta.local";
            String externalId = "00ujl29u0le5T6Aj10h7-" + unique();
            // Okta's create, as its SCIM 2.0 reference shows it (a password of the policy's length).
            ApiResponse created = api.post("/scim/v2/Users")
                    .token(key)
                    .header("Accept", "application/scim+json")
                    .header("User-Agent", "Okta SCIM Client 1.0.0")
                    .body("application/scim+json; charset=utf-8", """
                            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"%s","name":{"givenName":"Test","familyName":"User"},"emails":[{"primary":true,"value":"%s","type":"work"}],"displayName":"Test User","locale":"en-US","externalId":"%s","groups":[],"password":"1mz050nq-okta","active":true}
                            """.formatted(userName, userName, externalId))
                    .send();
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            String id = created.json().get("id").asString();
            assertThat(rest(id).get("has_activated").asBoolean()).isTrue();

            JsonNode found = searchOk("userName eq \"" + userName + "\"");
            assertThat(ids(found)).containsExactly(id);
            JsonNode read = scim("GET", "/Users/" + id, null).json(200);
            assertThat(read.get("displayName").asString()).isEqualTo("Test User");

            // Okta's profile update: the whole user by PUT, id and all.
            ApiResponse put = scim("PUT", "/Users/" + id, """
                    {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"id":"%s","userName":"%s","name":{"givenName":"Another","middleName":"","familyName":"User"},"emails":[{"primary":true,"value":"%s","type":"work"}],"displayName":"Another User","locale":"en-US","externalId":"%s","groups":[],"password":"1mz050nq-okta","active":true}
                    """.formatted(id, userName, userName, externalId));
            assertThat(put.status()).as(put.body()).isEqualTo(200);
            assertThat(put.json().get("name").get("givenName").asString()).isEqualTo("Another");
            assertThat(put.json().get("displayName").asString()).isEqualTo("Another User");
            assertThat(rest(id).get("first_name").asString()).isEqualTo("Another");
            assertThat(login(userName, "1mz050nq-okta")).isNotBlank();

            // Okta's deactivation (OIN template): a path-less replace.
            JsonNode off = patchOk(id, "{\"op\":\"replace\",\"value\":{\"active\":false}}");
            assertThat(off.get("active").asBoolean()).isFalse();
            assertThat(rest(id).get("is_active").asBoolean()).isFalse();
            assertThat(searchOk("userName eq \"" + userName + "\"")
                            .get("Resources")
                            .get(0)
                            .get("active")
                            .asBoolean())
                    .isFalse();

            // And its reactivation by PUT with active true.
            ApiResponse again = scim("PUT", "/Users/" + id, """
                    {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"id":"%s","userName":"%s","name":{"givenName":"Another","familyName":"User"},"emails":[{"primary":true,"value":"%s","type":"work"}],"displayName":"Another User","externalId":"%s","active":true}
                    """.formatted(id, userName, userName, externalId));
            assertThat(again.status()).as(again.body()).isEqualTo(200);
            assertThat(rest(id).get("is_active").asBoolean()).isTrue();
        }

        @Test
        void okta8CharacterPasswordFallsUnderThePasswordPolicyLikeTheRestApi() {
            // Okta's reference body carries "1mz050nq"; the staff password policy wants 10 characters.
            String userName = "short.pw-" + unique() + "@okta.local";
            ApiResponse created = scim("POST", "/Users", """
                    {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"%s","name":{"givenName":"Test","familyName":"User"},"emails":[{"primary":true,"value":"%s","type":"work"}],"displayName":"Test User","locale":"en-US","externalId":"00ujl29u0le5T6Aj10h7","groups":[],"password":"1mz050nq","active":true}
                    """.formatted(userName, userName));

            assertScimError(created, 400, "invalidValue");
            assertThat(searchOk("userName eq \"" + userName + "\"")
                            .get("totalResults")
                            .asInt())
                    .isZero();
        }

        @Test
        void deactivationByPutWithActiveFalse() {
            String userName = "put.off-" + unique() + "@okta.local";
            String id = createUser(userName).get("id").asString();

            ApiResponse put = scim("PUT", "/Users/" + id, """
                    {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"id":"%s","userName":"%s","name":{"givenName":"Grace","familyName":"Hopper"},"emails":[{"primary":true,"value":"%s","type":"work"}],"active":false}
                    """.formatted(id, userName, userName));

            assertThat(put.status()).as(put.body()).isEqualTo(200);
            assertThat(rest(id).get("is_active").asBoolean()).isFalse();
        }
    }

    @Nested
    class EntraId {

        @Test
        void connectionTestWithARandomUserNameIs200WithoutResources() {
            ApiResponse response = search("userName eq \"" + java.util.UUID.randomUUID() + "\"");

            assertThat(response.status()).as(response.body()).isEqualTo(200);
            assertThat(response.json().get("totalResults").asInt()).isZero();
            assertThat(ids(response.json())).isEmpty();
        }

        @Test
        void createThenFindByExternalIdAndUserName() {
            String externalId = java.util.UUID.randomUUID().toString();
            String userName = "Test_User_" + java.util.UUID.randomUUID() + "@testuser.com";
            String email = "Test_User_" + java.util.UUID.randomUUID() + "@testuser.com";
            ApiResponse created = api.post("/scim/v2/Users")
                    .token(key)
                    .body("application/scim+json", """
                            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],"externalId":"%s","userName":"%s","active":true,"emails":[{"primary":true,"type":"work","value":"%s"}],"meta":{"resourceType":"User"},"name":{"formatted":"givenName familyName","familyName":"familyName","givenName":"givenName"},"roles":[]}
                            """.formatted(externalId, userName, email))
                    .send();
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            String id = created.json().get("id").asString();
            assertThat(TestMail.awaitMessagesTo(email, 1, Duration.ofSeconds(15)))
                    .hasSize(1);

            ApiResponse byExternalId = scim("GET", "/Users?filter=externalId+eq+%22" + externalId + "%22", null);
            ApiResponse byUserName = scim("GET", "/Users?filter=userName+eq+%22" + enc(userName) + "%22", null);

            assertThat(ids(byExternalId.json(200))).containsExactly(id);
            assertThat(ids(byUserName.json(200))).containsExactly(id);
            JsonNode staff = rest(id);
            assertThat(staff.get("remote_id").asString()).isEqualTo(externalId);
            assertThat(staff.get("email").asString()).isEqualTo(email);
            assertThat(staff.get("first_name").asString()).isEqualTo("givenName");
        }

        @Test
        void patchAsEntraSendsIt() {
            String userName = "entra-" + unique() + "@testuser.com";
            JsonNode user = create(
                    fullUser(userName, userName, java.util.UUID.randomUUID().toString()));
            String id = user.get("id").asString();
            String updated = "updatedEmail-" + unique() + "@microsoft.com";

            ApiResponse patched = scim("PATCH", "/Users/" + id, """
                    {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Replace","path":"emails[type eq \\"work\\"].value","value":"%s"},{"op":"Replace","path":"name.familyName","value":"updatedFamilyName"}]}
                    """.formatted(updated));
            assertThat(patched.status()).as(patched.body()).isEqualTo(200);
            ApiResponse title = scim("PATCH", "/Users/" + id, """
                    {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Replace","path":"title","value":"tester"},{"op":"Add","path":"emails[type eq \\"work\\"].value","value":"%s"}]}
                    """.formatted(updated));
            assertThat(title.status()).as(title.body()).isEqualTo(200);
            ApiResponse single = scim("PATCH", "/Users/" + id, """
                    {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Replace","path":"userName","value":"renamed-%s"}]}
                    """.formatted(userName));
            assertThat(single.status()).as(single.body()).isEqualTo(200);
            ApiResponse manager = scim("PATCH", "/Users/" + id, """
                    {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Add","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager","value":"2819c223-7f76-453a-919d-413861904646"}]}
                    """);
            assertThat(manager.status()).as(manager.body()).isEqualTo(200);

            JsonNode staff = rest(id);
            assertThat(staff.get("email").asString()).isEqualTo(updated);
            assertThat(staff.get("last_name").asString()).isEqualTo("updatedFamilyName");
            assertThat(staff.get("job_title").asString()).isEqualTo("tester");
            assertThat(staff.get("username").asString()).isEqualTo("renamed-" + userName);
            assertThat(manager.json()
                            .get(ENTERPRISE)
                            .get("manager")
                            .get("value")
                            .asString())
                    .isEqualTo("2819c223-7f76-453a-919d-413861904646");
        }

        @Test
        void theWorkEmailOfAUserWithoutOneIsAdded() {
            // Only workers may lack an email: this key provisions workers.
            String workers = mintKey(admin, "Entra workers " + unique(), "admin", "worker")
                    .get("key")
                    .asString();
            ApiResponse created = scimAs(workers, "POST", "/Users", """
                    {"schemas": ["%s"], "userName": "%s", "name": {"givenName": "No", "familyName": "Mail"}}
                    """.formatted(USER, "no-mail-" + unique()), null);
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            assertThat(created.json().has("emails")).isFalse();
            String id = created.json().get("id").asString();
            String email = uniqueEmail("added");

            ApiResponse response = scimAs(
                    workers,
                    "PATCH",
                    "/Users/" + id,
                    patchBody("{\"op\":\"Add\",\"path\":\"emails[type eq \\\"work\\\"].value\",\"value\":\"" + email
                            + "\"}"),
                    null);
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            JsonNode patched = response.json();

            assertThat(patched.get("emails").get(0).get("value").asString()).isEqualTo(email);
            assertThat(rest(id).get("email").asString()).isEqualTo(email);
        }

        @Test
        void disableWithTheStringFalseThenEnableWithTrue() {
            String id = createUser(uniqueEmail("entra-off")).get("id").asString();

            ApiResponse off = scim("PATCH", "/Users/" + id, """
                    {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Replace","path":"active","value":"False"}]}
                    """);
            assertThat(off.status()).as(off.body()).isEqualTo(200);
            assertThat(rest(id).get("is_active").asBoolean()).isFalse();
            JsonNode stillThere = scim("GET", "/Users/" + id, null).json(200);
            assertThat(stillThere.get("active").asBoolean()).isFalse();

            ApiResponse on = scim("PATCH", "/Users/" + id, """
                    {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Replace","path":"active","value":"True"}]}
                    """);
            assertThat(on.status()).as(on.body()).isEqualTo(200);
            assertThat(rest(id).get("is_active").asBoolean()).isTrue();
        }

        @Test
        void pathlessAddWithDottedAndUrnKeys() {
            String id = createUser(uniqueEmail("entra-pathless")).get("id").asString();

            ApiResponse patched = scim("PATCH", "/Users/" + id, """
                    {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Add","value":{"name.givenName":"Barbara","name.familyName":"Liskov","title":"Professor","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber":"701984","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department":"EECS"}}]}
                    """);

            assertThat(patched.status()).as(patched.body()).isEqualTo(200);
            JsonNode staff = rest(id);
            assertThat(staff.get("first_name").asString()).isEqualTo("Barbara");
            assertThat(staff.get("last_name").asString()).isEqualTo("Liskov");
            assertThat(staff.get("job_title").asString()).isEqualTo("Professor");
            assertThat(patched.json().get(ENTERPRISE).get("employeeNumber").asString())
                    .isEqualTo("701984");
            assertThat(patched.json().get(ENTERPRISE).get("department").asString())
                    .isEqualTo("EECS");
        }
    }
}
