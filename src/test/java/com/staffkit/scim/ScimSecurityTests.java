package com.staffkit.scim;

import static com.staffkit.scim.ScimContract.GROUP;
import static com.staffkit.scim.ScimContract.PATCH_OP;
import static com.staffkit.scim.ScimContract.SCIM_JSON;
import static com.staffkit.scim.ScimContract.USER;
import static org.assertj.core.api.Assertions.assertThat;

import com.staffkit.support.ApiResponse;
import com.staffkit.support.IntegrationTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The SCIM surface probed by a client trying what it should not: other tenants, staff outside its
 * stores, a password on an existing account, and input no text column takes.
 */
class ScimSecurityTests extends IntegrationTest {

    private long organization;
    private Member admin;
    private String key;

    @BeforeEach
    void anIdentityProvider() {
        organization = newOrganization("Scim Probe " + unique());
        admin = member(organization, "admin");
        key = mint(admin.token(), "admin");
    }

    private String mint(String token, String... roles) {
        return api.post("/api/v1/api-keys")
                .token(token)
                .json(Map.of("name", "Probe " + unique(), "roles", List.of(roles)))
                .send()
                .json(201)
                .get("key")
                .asString();
    }

    private ApiResponse scim(String key, String method, String path, String body) {
        var request = api.request(method, "/scim/v2" + path).token(key);
        if (body != null) {
            request.body(SCIM_JSON, body);
        }
        return request.send();
    }

    private static String encoded(String filter) {
        return URLEncoder.encode(filter, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String userBody(String userName, String extra) {
        return """
                {"schemas": ["%s"], "userName": "%s", "name": {"givenName": "Ada", "familyName": "Lovelace"},
                 "emails": [{"value": "%s", "type": "work", "primary": true}]%s}
                """.formatted(USER, userName, userName, extra);
    }

    private String createUser(String extra) {
        ApiResponse created = scim(key, "POST", "/Users", userBody(uniqueEmail("probe"), extra));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asString();
    }

    private long store(long organizationId, String name) {
        return api.post("/api/v1/stores")
                .token(superadminToken())
                .json(Map.of("organization", organizationId, "name", name + " " + unique()))
                .send()
                .json(201)
                .get("id")
                .asLong();
    }

    private long staffIn(long organizationId, List<Long> stores) {
        return createStaff(Map.of(
                        "organization",
                        organizationId,
                        "first_name",
                        "Store",
                        "last_name",
                        "Staff",
                        "email",
                        uniqueEmail("store"),
                        "retail_stores",
                        stores))
                .get("id")
                .asLong();
    }

    private String passwordHashOf(String id) {
        return jdbc.sql("select password_hash from staff where id = :id")
                .param("id", Long.parseLong(id))
                .query(String.class)
                .optional()
                .orElse(null);
    }

    @Test
    void aParentOrganizationsKeyReachesNoStaffNorTeamOfItsChildOrganization() {
        long child = api.post("/api/v1/organizations")
                .token(superadminToken())
                .json(Map.of("name", "Child " + unique(), "parent", organization))
                .send()
                .json(201)
                .get("id")
                .asLong();
        JsonNode childStaff = createStaff(
                Map.of("organization", child, "first_name", "Chi", "last_name", "Ld", "email", uniqueEmail("child")));
        String childId = childStaff.get("id").asString();
        String childEmail = childStaff.get("email").asString();
        long childTeam = api.post("/api/teams")
                .token(superadminToken())
                .json(Map.of("organization", child, "name", "Child team " + unique()))
                .send()
                .json(201)
                .get("id")
                .asLong();
        // The REST API lets the parent's admin see the child's staff; SCIM's tenant is the key's own organization.
        assertThat(api.get("/api/v1/staffs/" + childId)
                        .token(admin.token())
                        .send()
                        .status())
                .isEqualTo(200);

        ApiResponse read = scim(key, "GET", "/Users/" + childId, null);
        ApiResponse listed =
                scim(key, "GET", "/Users?count=0&filter=" + encoded("emails.value eq \"" + childEmail + "\""), null);
        ApiResponse put = scim(key, "PUT", "/Users/" + childId, userBody(childEmail, ""));
        ApiResponse deleted = scim(key, "DELETE", "/Users/" + childId, null);
        ApiResponse group = scim(key, "GET", "/Groups/" + childTeam, null);
        ApiResponse renamed = scim(key, "PUT", "/Groups/" + childTeam, """
                {"schemas": ["%s"], "displayName": "Taken over"}""".formatted(GROUP));
        ApiResponse groupWithChild = scim(key, "POST", "/Groups", """
                {"schemas": ["%s"], "displayName": "Mine %s", "members": [{"value": "%s"}]}""".formatted(GROUP, unique(), childId));

        assertThat(read.status()).as(read.body()).isEqualTo(404);
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        assertThat(listed.json().get("totalResults").asInt()).isZero();
        assertThat(put.status()).as(put.body()).isEqualTo(404);
        assertThat(deleted.status()).as(deleted.body()).isEqualTo(404);
        assertThat(group.status()).as(group.body()).isEqualTo(404);
        assertThat(renamed.status()).as(renamed.body()).isEqualTo(404);
        assertThat(groupWithChild.status()).as(groupWithChild.body()).isEqualTo(400);
        assertThat(jdbc.sql("select count(*) from team_members where staff_id = :id")
                        .param("id", Long.parseLong(childId))
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql("select is_active from staff where id = :id")
                        .param("id", Long.parseLong(childId))
                        .query(Boolean.class)
                        .single())
                .isTrue();
    }

    @Test
    void aStoreScopedKeyNeitherSeesNorRemovesGroupMembersOutsideItsStores() {
        long mine = store(organization, "Mine");
        long other = store(organization, "Other");
        long kept = staffIn(organization, List.of(mine));
        long hidden = staffIn(organization, List.of(other));
        String role = "Scim Sync " + unique();
        api.post("/api/v1/roles")
                .token(admin.token())
                .json(Map.of(
                        "name",
                        role,
                        "permissions",
                        List.of("scim:provision", "staff:read", "staff:write", "teams:read", "teams:write")))
                .send()
                .json(201);
        String email = uniqueEmail("scoped-sync");
        createStaff(Map.of(
                "organization",
                organization,
                "first_name",
                "Sco",
                "last_name",
                "Ped",
                "email",
                email,
                "roles",
                List.of("manager", role),
                "retail_stores",
                List.of(mine),
                "full_store_access",
                false,
                "password",
                PASSWORD));
        // A staff session holding scim:provision calls SCIM like a key would (a key of a store-scoped
        // creator follows its creator's scope the same way).
        String scopedKey = login(email, PASSWORD);
        ApiResponse created = scim(key, "POST", "/Groups", """
                {"schemas": ["%s"], "displayName": "Mixed %s", "members": [{"value": "%d"}, {"value": "%d"}]}""".formatted(GROUP, unique(), kept, hidden));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String group = created.json().get("id").asString();
        // The scoped key cannot read the hidden staff member as a User.
        assertThat(scim(scopedKey, "GET", "/Users/" + hidden, null).status()).isEqualTo(404);

        ApiResponse read = scim(scopedKey, "GET", "/Groups/" + group, null);
        ApiResponse listed = scim(scopedKey, "GET", "/Groups?filter=" + encoded("id eq \"" + group + "\""), null);
        ApiResponse replaced = scim(scopedKey, "PUT", "/Groups/" + group, """
                {"schemas": ["%s"], "displayName": "Renamed %s", "members": [{"value": "%d"}]}""".formatted(GROUP, unique(), kept));

        assertThat(read.status()).as(read.body()).isEqualTo(200);
        assertThat(read.body()).doesNotContain("\"" + hidden + "\"");
        assertThat(listed.body()).doesNotContain("\"" + hidden + "\"");
        assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
        assertThat(jdbc.sql("select staff_id from team_members where team_id = :team order by staff_id")
                        .param("team", Long.parseLong(group))
                        .query(Long.class)
                        .list())
                .containsExactlyInAnyOrder(kept, hidden);
    }

    @Test
    void aPasswordSentWithPutOrPatchNeverReachesAnExistingAccount() {
        String id = createUser("");
        assertThat(passwordHashOf(id)).isNull();

        ApiResponse put = scim(
                key,
                "PUT",
                "/Users/" + id,
                userBody(
                        scim(key, "GET", "/Users/" + id, null)
                                .json()
                                .get("userName")
                                .asString(),
                        ", \"password\": \"Attacker-Chosen-Password-1\""));
        ApiResponse patch = scim(key, "PATCH", "/Users/" + id, """
                {"schemas": ["%s"], "Operations": [{"op": "replace", "path": "password", "value": "Attacker-Chosen-2"},
                 {"op": "replace", "value": {"password": "Attacker-Chosen-3"}}]}""".formatted(PATCH_OP));

        assertThat(put.status()).as(put.body()).isLessThan(500);
        assertThat(patch.status()).as(patch.body()).isLessThan(500);
        assertThat(put.body() + patch.body()).doesNotContain("Attacker-Chosen");
        assertThat(passwordHashOf(id)).isNull();
    }

    @Test
    void aFilterValueHoldingTheNulCharacterIsAnInvalidFilterNotAConflict() {
        ApiResponse listed = scim(key, "GET", "/Users?filter=" + encoded("userName eq \"a\\u0000b\""), null);
        ApiResponse groups = scim(key, "GET", "/Groups?filter=" + encoded("displayName co \"a\\u0000\""), null);

        assertThat(listed.status()).as(listed.body()).isEqualTo(400);
        assertThat(listed.json().get("scimType").asString()).isEqualTo("invalidFilter");
        assertThat(groups.status()).as(groups.body()).isEqualTo(400);
        assertThat(groups.json().get("scimType").asString()).isEqualTo("invalidFilter");
    }

    @Test
    void aBodyHoldingTheNulCharacterIsRefusedAsInvalid() {
        String id = createUser("");

        ApiResponse created =
                scim(key, "POST", "/Users", userBody(uniqueEmail("nul"), ", \"displayName\": \"a\\u0000b\""));
        ApiResponse patched = scim(key, "PATCH", "/Users/" + id, """
                {"schemas": ["%s"], "Operations": [{"op": "replace", "path": "title", "value": "x\\u0000y"}]}""".formatted(PATCH_OP));
        ApiResponse group = scim(key, "POST", "/Groups", """
                {"schemas": ["%s"], "displayName": "Nul\\u0000 %s"}""".formatted(GROUP, unique()));

        for (ApiResponse response : List.of(created, patched, group)) {
            assertThat(response.status()).as(response.body()).isEqualTo(400);
            assertThat(response.json().get("scimType").asString()).isEqualTo("invalidValue");
        }
    }

    @Test
    void aDisplayNameNeverSetFollowsTheNameAcrossPatches() {
        String id = createUser("");
        ApiResponse title = scim(key, "PATCH", "/Users/" + id, """
                {"schemas": ["%s"], "Operations": [{"op": "replace", "path": "title", "value": "Engineer"}]}""".formatted(PATCH_OP));
        assertThat(title.status()).as(title.body()).isEqualTo(200);

        ApiResponse renamed = scim(key, "PATCH", "/Users/" + id, """
                {"schemas": ["%s"], "Operations": [{"op": "replace", "path": "name.givenName", "value": "Augusta"}]}""".formatted(PATCH_OP));

        assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
        assertThat(renamed.json().get("displayName").asString()).isEqualTo("Augusta Lovelace");
    }

    @Test
    void aMalformedPatchOperationNamesNoParserInternals() {
        String id = createUser("");

        ApiResponse patched = scim(key, "PATCH", "/Users/" + id, """
                {"schemas": ["%s"], "Operations": [{"op": "add", "path": "title"}]}""".formatted(PATCH_OP));

        assertThat(patched.status()).as(patched.body()).isEqualTo(400);
        assertThat(patched.json().get("detail").asString())
                .doesNotContainIgnoringCase("creator property")
                .doesNotContain("index")
                .doesNotContain("com.")
                .doesNotContain("`");
    }
}
