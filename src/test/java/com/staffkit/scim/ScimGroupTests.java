package com.staffkit.scim;

import static com.staffkit.scim.ScimContract.ERROR;
import static com.staffkit.scim.ScimContract.GROUP;
import static com.staffkit.scim.ScimContract.PATCH_OP;
import static com.staffkit.scim.ScimContract.SCIM_JSON;
import static com.staffkit.support.Json.strings;
import static org.assertj.core.api.Assertions.assertThat;

import com.staffkit.support.ApiResponse;
import com.staffkit.support.IntegrationTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code /scim/v2/Groups} as Okta and Entra ID call it: teams created, renamed, filled and emptied
 * through SCIM, and the team API and the database showing the same team.
 */
class ScimGroupTests extends IntegrationTest {

    private long organization;
    private Member admin;
    private String key;
    private long ada;
    private long grace;
    private long alan;

    @BeforeEach
    void anIdentityProviderWithThreeUsers() {
        organization = newOrganization("Scim Groups " + unique());
        admin = member(organization, "admin");
        key = keyOf(admin);
        ada = member(organization, "member").id();
        grace = member(organization, "member").id();
        alan = member(organization, "member").id();
    }

    private String keyOf(Member owner) {
        return api.post("/api/v1/api-keys")
                .token(owner.token())
                .json(Map.of("name", "Entra ID " + unique(), "roles", List.of("admin")))
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

    private static String encoded(String filter) {
        return URLEncoder.encode(filter, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private JsonNode createGroup(String name, String externalId, long... members) {
        List<String> values = new ArrayList<>();
        for (long member : members) {
            values.add("{\"value\": \"" + member + "\"}");
        }
        ApiResponse created = scim("POST", "/Groups", """
                {"schemas": ["%s"], "displayName": "%s", "externalId": "%s", "members": [%s]}
                """.formatted(GROUP, name, externalId, String.join(",", values)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json();
    }

    private List<Long> membersInDatabase(String groupId) {
        return jdbc.sql("select staff_id from team_members where team_id = :id order by staff_id")
                .param("id", Long.parseLong(groupId))
                .query(Long.class)
                .list();
    }

    private ApiResponse patch(String id, String operations) {
        return scim("PATCH", "/Groups/" + id, """
                {"schemas": ["%s"], "Operations": [%s]}
                """.formatted(PATCH_OP, operations));
    }

    @Nested
    class CreateAndRead {

        @Test
        void createdGroupIsATeamWithItsMembers() {
            String name = "Pharmacists " + unique();
            ApiResponse created = scim("POST", "/Groups", """
                    {"schemas": ["%s"], "displayName": "%s", "externalId": "entra-1", "members": [{"value": "%d"}, {"value": "%d"}]}
                    """.formatted(GROUP, name, ada, grace));

            assertThat(created.status()).as(created.body()).isEqualTo(201);
            assertThat(created.contentType()).startsWith(SCIM_JSON);
            JsonNode group = created.json();
            String id = group.get("id").asString();
            assertThat(strings(group.get("schemas"))).containsExactly(GROUP);
            assertThat(group.get("displayName").asString()).isEqualTo(name);
            assertThat(group.get("externalId").asString()).isEqualTo("entra-1");
            assertThat(group.get("members").findValuesAsString("value"))
                    .containsExactlyInAnyOrder(Long.toString(ada), Long.toString(grace));
            assertThat(group.get("members").get(0).get("display").asString()).isNotBlank();
            assertThat(created.header("Location")).endsWith("/scim/v2/Groups/" + id);
            assertThat(created.header("ETag"))
                    .isEqualTo(group.get("meta").get("version").asString());
            assertThat(group.get("meta").get("resourceType").asString()).isEqualTo("Group");

            JsonNode team =
                    api.get("/api/teams/" + id).token(admin.token()).send().json(200);
            assertThat(team.get("name").asString()).isEqualTo(name);
            assertThat(membersInDatabase(id)).containsExactlyInAnyOrder(ada, grace);
            JsonNode user = scim("GET", "/Users/" + ada, null).json();
            assertThat(user.get("groups").get(0).get("value").asString()).isEqualTo(id);
            assertThat(user.get("groups").get(0).get("display").asString()).isEqualTo(name);
        }

        @Test
        void aTakenDisplayNameOrExternalIdIsAUniquenessConflict() {
            String name = "Night shift " + unique();
            createGroup(name, "ext-" + name);

            ApiResponse sameName = scim("POST", "/Groups", """
                    {"schemas": ["%s"], "displayName": "%s"}
                    """.formatted(GROUP, name.toUpperCase()));
            ApiResponse sameExternalId = scim("POST", "/Groups", """
                    {"schemas": ["%s"], "displayName": "Other %s", "externalId": "ext-%s"}
                    """.formatted(GROUP, name, name));

            for (ApiResponse response : List.of(sameName, sameExternalId)) {
                assertThat(response.status()).as(response.body()).isEqualTo(409);
                assertThat(strings(response.json().get("schemas"))).containsExactly(ERROR);
                assertThat(response.json().get("status").asString()).isEqualTo("409");
                assertThat(response.json().get("scimType").asString()).isEqualTo("uniqueness");
            }
        }

        @Test
        void anUnknownMemberRefusesTheWholeGroup() {
            ApiResponse response = scim("POST", "/Groups", """
                    {"schemas": ["%s"], "displayName": "Ghosts %s", "members": [{"value": "%d"}, {"value": "999999999"}]}
                    """.formatted(GROUP, unique(), ada));

            assertThat(response.status()).as(response.body()).isEqualTo(400);
            assertThat(response.json().get("scimType").asString()).isEqualTo("invalidValue");
        }

        @Test
        void listsFilterByDisplayNameAndExternalIdWithoutMembers() {
            String name = "Cashiers " + unique();
            JsonNode group = createGroup(name, "okta-" + name, ada);
            createGroup("Other " + unique(), "okta-other-" + unique());

            ApiResponse byName = scim(
                    "GET",
                    "/Groups?filter=" + encoded("displayName eq \"" + name.toLowerCase() + "\"")
                            + "&excludedAttributes=members",
                    null);
            ApiResponse byExternalId =
                    scim("GET", "/Groups?filter=" + encoded("externalId eq \"okta-" + name + "\""), null);

            assertThat(byName.status()).as(byName.body()).isEqualTo(200);
            assertThat(byName.json().get("totalResults").asInt()).isEqualTo(1);
            JsonNode found = byName.json().get("Resources").get(0);
            assertThat(found.get("id").asString()).isEqualTo(group.get("id").asString());
            assertThat(found.has("members")).isFalse();
            assertThat(byExternalId.json().get("totalResults").asInt()).isEqualTo(1);
            assertThat(byExternalId
                            .json()
                            .get("Resources")
                            .get(0)
                            .get("members")
                            .size())
                    .isEqualTo(1);

            ApiResponse none =
                    scim("GET", "/Groups?filter=" + encoded("displayName eq \"no such " + unique() + "\""), null);
            assertThat(none.status()).isEqualTo(200);
            assertThat(none.json().get("totalResults").asInt()).isZero();

            ApiResponse bad = scim("GET", "/Groups?filter=" + encoded("members.display eq \"x\""), null);
            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.json().get("scimType").asString()).isEqualTo("invalidFilter");
        }

        @Test
        void anotherOrganizationsGroupIsNotFound() {
            JsonNode group = createGroup("Ours " + unique(), "ours-" + unique(), ada);
            long other = newOrganization("Scim Groups other " + unique());
            String otherKey = keyOf(member(other, "admin"));
            String id = group.get("id").asString();

            for (String method : List.of("GET", "PATCH", "PUT", "DELETE")) {
                var request = api.request(method, "/scim/v2/Groups/" + id).token(otherKey);
                if (!method.equals("GET") && !method.equals("DELETE")) {
                    request.body(
                            SCIM_JSON,
                            method.equals("PATCH")
                                    ? "{\"schemas\": [\"" + PATCH_OP
                                            + "\"], \"Operations\": [{\"op\": \"replace\", \"path\": \"displayName\", \"value\": \"Taken\"}]}"
                                    : "{\"schemas\": [\"" + GROUP + "\"], \"displayName\": \"Taken\"}");
                }
                ApiResponse response = request.send();
                assertThat(response.status()).as(method + " " + response.body()).isEqualTo(404);
            }
            assertThat(membersInDatabase(id)).containsExactly(ada);
        }
    }

    @Nested
    class Changes {

        @Test
        void entraAddsAndRemovesOnlyTheMembersItNames() {
            JsonNode group = createGroup("Support " + unique(), "e-" + unique(), ada, grace);
            String id = group.get("id").asString();

            ApiResponse added = patch(id, """
                    {"op": "Add", "path": "members", "value": [{"value": "%d"}]}""".formatted(alan));
            assertThat(added.status()).as(added.body()).isEqualTo(200);
            assertThat(membersInDatabase(id)).containsExactlyInAnyOrder(ada, grace, alan);

            ApiResponse removed = patch(id, """
                    {"op": "Remove", "path": "members", "value": [{"value": "%d"}]}""".formatted(grace));
            assertThat(removed.status()).as(removed.body()).isEqualTo(200);
            assertThat(membersInDatabase(id)).containsExactlyInAnyOrder(ada, alan);
        }

        @Test
        void oktaRemovesAMemberByValueFilterAndRenamesWithAPathlessReplace() {
            JsonNode group = createGroup("Okta group " + unique(), "o-" + unique(), ada, grace);
            String id = group.get("id").asString();
            String renamed = "Renamed " + unique();

            ApiResponse response = patch(id, """
                    {"op": "remove", "path": "members[value eq \\"%d\\"]"},
                    {"op": "replace", "value": {"id": "%s", "displayName": "%s"}}""".formatted(ada, id, renamed));

            assertThat(response.status()).as(response.body()).isEqualTo(200);
            assertThat(response.json().get("displayName").asString()).isEqualTo(renamed);
            assertThat(membersInDatabase(id)).containsExactly(grace);
            assertThat(api.get("/api/teams/" + id)
                            .token(admin.token())
                            .send()
                            .json(200)
                            .get("name")
                            .asString())
                    .isEqualTo(renamed);
        }

        @Test
        void aMemberAddedMeanwhileStaysWhenAnotherIsRemoved() {
            JsonNode group = createGroup("Concurrent " + unique(), "c-" + unique(), ada);
            String id = group.get("id").asString();
            api.put("/api/teams/" + id + "/members/" + grace)
                    .token(admin.token())
                    .send();

            ApiResponse removed = patch(id, """
                    {"op": "remove", "path": "members", "value": [{"value": "%d"}]}""".formatted(ada));

            assertThat(removed.status()).as(removed.body()).isEqualTo(200);
            assertThat(membersInDatabase(id)).containsExactly(grace);
        }

        @Test
        void putReplacesNameAndMembers() {
            JsonNode group = createGroup("Put " + unique(), "p-" + unique(), ada, grace);
            String id = group.get("id").asString();

            ApiResponse replaced = scim("PUT", "/Groups/" + id, """
                    {"schemas": ["%s"], "displayName": "Put renamed %s", "externalId": "p2", "members": [{"value": "%d"}]}
                    """.formatted(GROUP, id, alan));

            assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
            assertThat(replaced.json().get("externalId").asString()).isEqualTo("p2");
            assertThat(membersInDatabase(id)).containsExactly(alan);
        }

        @Test
        void aStaleIfMatchIsRefusedAndTheCurrentOneAccepted() {
            JsonNode group = createGroup("Versions " + unique(), "v-" + unique(), ada);
            String id = group.get("id").asString();
            String first = group.get("meta").get("version").asString();
            ApiResponse changed = patch(id, """
                    {"op": "add", "path": "members", "value": [{"value": "%d"}]}""".formatted(grace));
            String second = changed.header("ETag");
            assertThat(second).isNotEqualTo(first);

            ApiResponse stale = api.request("PATCH", "/scim/v2/Groups/" + id)
                    .token(key)
                    .header("If-Match", first)
                    .body(
                            SCIM_JSON,
                            "{\"schemas\": [\"" + PATCH_OP
                                    + "\"], \"Operations\": [{\"op\": \"replace\", \"path\": \"displayName\", \"value\": \"Stale\"}]}")
                    .send();
            ApiResponse staleDelete = api.request("DELETE", "/scim/v2/Groups/" + id)
                    .token(key)
                    .header("If-Match", first)
                    .send();
            assertThat(stale.status()).as(stale.body()).isEqualTo(412);
            assertThat(staleDelete.status()).isEqualTo(412);

            ApiResponse deleted = api.request("DELETE", "/scim/v2/Groups/" + id)
                    .token(key)
                    .header("If-Match", second)
                    .send();
            assertThat(deleted.status()).as(deleted.body()).isEqualTo(204);
            assertThat(scim("GET", "/Groups/" + id, null).status()).isEqualTo(404);
            assertThat(api.get("/api/teams/" + id).token(admin.token()).send().status())
                    .isEqualTo(404);
            assertThat(api.get("/api/v1/staffs/" + ada)
                            .token(admin.token())
                            .send()
                            .status())
                    .isEqualTo(200);
        }

        @Test
        void membershipChangesAreAuditedWithTheKeyAsActor() {
            JsonNode group = createGroup("Audited " + unique(), "a-" + unique(), ada);
            String id = group.get("id").asString();
            patch(id, """
                    {"op": "remove", "path": "members", "value": [{"value": "%d"}]}""".formatted(ada));

            JsonNode events = api.get("/api/v1/audit-events?target_type=team&target_id=" + id)
                    .token(admin.token())
                    .send()
                    .json(200);
            List<String> types = events.get("results").findValuesAsString("type");
            assertThat(types).contains("team.created", "team.member_added", "team.member_removed");
            assertThat(events.get("results").get(0).get("actor").get("type").asString())
                    .isEqualTo("api_key");
        }
    }
}
