package com.staffkit.scim;

import static com.staffkit.scim.ScimContract.GROUP;
import static com.staffkit.scim.ScimContract.SCIM_JSON;
import static com.staffkit.scim.ScimContract.USER;
import static org.assertj.core.api.Assertions.assertThat;

import com.staffkit.support.ApiResponse;
import com.staffkit.support.IntegrationTest;
import com.staffkit.support.SqlStatementCounter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * SCIM lists cost a fixed number of SQL statements whatever their {@code count}: a page of Users
 * with their groups, and a page of Groups with their members, are one statement each (the members
 * of every group of the page in one more), never one per resource. The caller cache is off, so
 * every request's count holds its key lookup.
 */
@TestPropertySource(properties = "staffkit.auth.caller-cache-ttl=0s")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScimQueryCountTests extends IntegrationTest {

    private static final int USERS = 30;
    private static final int GROUPS = 6;

    private String key;
    private final List<String> userNames = new ArrayList<>();

    @BeforeAll
    void anIdentityProviderWithUsersInGroups() {
        api = new com.staffkit.support.Api("http://localhost:" + port, json);
        long organization = newOrganization("Scim Query Count " + unique());
        Member admin = member(organization, "admin");
        key = api.post("/api/v1/api-keys")
                .token(admin.token())
                .json(Map.of("name", "Okta", "roles", List.of("admin")))
                .send()
                .json(201)
                .get("key")
                .asString();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            String userName = uniqueEmail("counted" + i);
            ApiResponse created = scim("POST", "/Users", """
                    {"schemas": ["%s"], "userName": "%s", "externalId": "okta-%s",
                     "name": {"givenName": "Count", "familyName": "Member%d"}, "displayName": "Count %d",
                     "emails": [{"value": "%s", "type": "work", "primary": true}]}
                    """.formatted(USER, userName, unique(), i, i, userName));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            ids.add(created.json().get("id").asString());
            userNames.add(userName);
        }
        for (int g = 0; g < GROUPS; g++) {
            // Every group holds every user: a page of groups with members reads GROUPS x USERS rows.
            String members = String.join(
                    ",", ids.stream().map(id -> "{\"value\": \"" + id + "\"}").toList());
            ApiResponse created = scim("POST", "/Groups", """
                    {"schemas": ["%s"], "displayName": "Counted group %d %s", "externalId": "entra-%s",
                     "members": [%s]}
                    """.formatted(GROUP, g, unique(), unique(), members));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
        }
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

    private record Counted(List<String> statements, JsonNode body) {}

    private Counted get(String path) {
        SqlStatementCounter.start();
        ApiResponse response = scim("GET", path, null);
        List<String> statements = SqlStatementCounter.stop();
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return new Counted(statements, response.json());
    }

    @Test
    void aPageOfUsersIsOneStatementWhateverItsSize() {
        Counted small = get("/Users?startIndex=1&count=2");
        Counted large = get("/Users?startIndex=1&count=200");

        assertThat(small.body().get("Resources")).hasSize(2);
        assertThat(large.body().get("Resources").size()).isGreaterThanOrEqualTo(USERS);
        JsonNode resources = large.body().get("Resources");
        assertThat(resources.get(resources.size() - 1).get("groups"))
                .as("the last user, made through SCIM, is in every group")
                .hasSize(GROUPS);
        assertThat(small.body().get("totalResults").asLong())
                .isEqualTo(large.body().get("totalResults").asLong())
                .isEqualTo(large.body().get("Resources").size());
        assertThat(small.statements())
                .as("the key, the page, the count (the page is full, so it cannot tell)")
                .hasSize(3);
        assertThat(large.statements())
                .as("the key and the page, which holds every match and so the count")
                .hasSize(2);
    }

    @Test
    void aFilteredPageAndAPageDeepInTheListAreBoundedToo() {
        Counted existence =
                get("/Users?filter=" + encoded("userName eq \"" + userNames.get(7) + "\"") + "&startIndex=1&count=100");
        assertThat(existence.body().get("totalResults").asLong()).isEqualTo(1);
        assertThat(existence.statements())
                .as("Okta's existence check: the key and the page")
                .hasSize(2);

        Counted middle = get("/Users?startIndex=11&count=5");
        assertThat(middle.body().get("Resources")).hasSize(5);
        assertThat(middle.statements()).as("the key, the page, the count").hasSize(3);

        Counted pastTheEnd = get("/Users?startIndex=1000&count=5");
        assertThat(pastTheEnd.body().get("Resources")).isEmpty();
        assertThat(pastTheEnd.body().get("totalResults").asLong()).isGreaterThanOrEqualTo(USERS);
        assertThat(pastTheEnd.statements())
                .as("the key, the empty page, the count")
                .hasSize(3);

        Counted countOnly = get("/Users?count=0");
        assertThat(countOnly.body().get("totalResults").asLong()).isGreaterThanOrEqualTo(USERS);
        assertThat(countOnly.statements()).as("the key and the count").hasSize(2);
    }

    @Test
    void aPageOfGroupsWithMembersIsTwoStatementsWhateverItsSize() {
        Counted small = get("/Groups?startIndex=1&count=1");
        Counted large = get("/Groups?startIndex=1&count=200");

        assertThat(small.body().get("Resources")).hasSize(1);
        assertThat(large.body().get("Resources")).hasSize(GROUPS);
        for (JsonNode group : large.body().get("Resources")) {
            assertThat(group.get("members")).hasSize(USERS);
        }
        assertThat(small.body().get("totalResults").asLong()).isEqualTo(GROUPS);
        assertThat(large.body().get("totalResults").asLong()).isEqualTo(GROUPS);
        assertThat(small.statements())
                .as("the key, the page, its members, the count")
                .hasSize(4);
        assertThat(large.statements())
                .as("the key, the page (every match: no count), the members of all its groups")
                .hasSize(3);

        Counted withoutMembers = get("/Groups?excludedAttributes=members&count=200");
        assertThat(withoutMembers.body().get("Resources").get(0).get("members")).isNull();
        assertThat(withoutMembers.statements()).as("the key and the page").hasSize(2);

        Counted byName = get("/Groups?filter="
                + encoded("displayName eq \""
                        + large.body()
                                .get("Resources")
                                .get(2)
                                .get("displayName")
                                .asString() + "\""));
        assertThat(byName.body().get("totalResults").asLong()).isEqualTo(1);
        assertThat(byName.statements()).as("the key, the page, its members").hasSize(3);
    }
}
