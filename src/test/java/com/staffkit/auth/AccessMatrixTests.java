package com.staffkit.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.staffkit.support.ApiResponse;
import com.staffkit.support.IntegrationTest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Who may call what, for every endpoint that exists and every kind of caller. The endpoint list
 * comes from the application's own request mappings, so an endpoint added without an entry here
 * fails the build.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessMatrixTests extends IntegrationTest {

    private static final String MISSING_ID = "999999999";

    private static final Set<String> ALL = Set.of(
            "staff:read",
            "staff:write",
            "staff:deactivate",
            "roles:read",
            "roles:write",
            "roles:assign",
            "teams:read",
            "teams:write",
            "stores:read",
            "stores:write",
            "organizations:read",
            "organizations:write",
            "api-keys:manage",
            "audit:read",
            "webhooks:manage",
            "scim:provision");
    private static final Set<String> ADMIN = without(ALL, "organizations:write");
    private static final Set<String> MANAGER =
            Set.of("staff:read", "staff:write", "teams:read", "teams:write", "stores:read");
    private static final Set<String> MEMBER = Set.of("staff:read", "teams:read", "stores:read");

    enum Access {
        PUBLIC,
        AUTHENTICATED,
        STAFF_ONLY,
        PERMISSION
    }

    /** What an endpoint needs, the body to send, and the status a permitted caller gets. */
    record Rule(Access access, String permission, Supplier<Object> body, String query, int permittedStatus) {}

    /** A body sent as text/csv rather than JSON (an import). */
    record Csv(String text) {}

    /** A caller: its credential header and the permissions it holds. */
    record Caller(String name, String header, String value, Set<String> permissions, boolean staff) {}

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private final List<Caller> callers = new ArrayList<>();
    private long matrixOrganization;

    private static Rule open(int status, Supplier<Object> body) {
        return new Rule(Access.PUBLIC, null, body, "", status);
    }

    private static Rule needs(String permission, int status) {
        return new Rule(Access.PERMISSION, permission, null, "", status);
    }

    private static Rule needs(String permission, int status, Supplier<Object> body) {
        return new Rule(Access.PERMISSION, permission, body, "", status);
    }

    private Map<String, Rule> matrix() {
        Map<String, Rule> rules = new LinkedHashMap<>();
        rules.put(
                "POST /api/v1/auth/login",
                open(401, () -> Map.of("username", uniqueEmail("nobody"), "password", "wrong-password")));
        rules.put("POST /api/v1/auth/refresh", open(401, () -> Map.of("refresh_token", "not-a-token")));
        rules.put("POST /api/v1/auth/logout", open(204, () -> Map.of("refresh_token", "not-a-token")));
        rules.put("GET /api/v1/me", new Rule(Access.STAFF_ONLY, null, null, "", 200));
        rules.put(
                "POST /api/v1/me/password",
                new Rule(
                        Access.STAFF_ONLY,
                        null,
                        () -> Map.of("current_password", "not-the-password", "new_password", "whatever-long-enough"),
                        "",
                        400));
        rules.put("GET /api/v1/permissions", new Rule(Access.AUTHENTICATED, null, null, "", 200));

        rules.put("GET /api/v1/staffs", needs("staff:read", 200));
        rules.put("GET /api/v1/staffs/{id}", needs("staff:read", 404));
        rules.put(
                "GET /api/v1/staffs/lookup",
                new Rule(Access.PERMISSION, "staff:read", null, "?email=nobody@example.com", 404));
        rules.put("GET /api/v1/staffs/service-user", needs("staff:read", 200));
        rules.put("GET /api/v1/staffs/export", needs("staff:read", 200));
        rules.put(
                "POST /api/v1/staffs",
                needs(
                        "staff:write",
                        201,
                        () -> Map.of("first_name", "Matrix", "last_name", "Hire", "email", uniqueEmail("matrix"))));
        rules.put(
                "PUT /api/v1/staffs/{id}",
                needs(
                        "staff:write",
                        404,
                        () -> Map.of("first_name", "Matrix", "last_name", "Replace", "email", uniqueEmail("matrix"))));
        rules.put("PATCH /api/v1/staffs/{id}", needs("staff:write", 404, () -> Map.of("job_title", "Lead")));
        rules.put(
                "POST /api/v1/staffs/bulk",
                needs(
                        "staff:write",
                        200,
                        () -> Map.of(
                                "items",
                                List.of(Map.of(
                                        "first_name",
                                        "Matrix",
                                        "last_name",
                                        "Bulk",
                                        "email",
                                        uniqueEmail("matrix"))))));
        rules.put(
                "PATCH /api/v1/staffs/bulk",
                needs("staff:write", 200, () -> Map.of("items", List.of(Map.of("id", 0, "job_title", "Lead")))));
        rules.put("DELETE /api/v1/staffs/{id}", needs("staff:deactivate", 404));
        rules.put(
                "POST /api/v1/staffs/imports",
                needs("staff:write", 202, () -> new Csv("first_name,last_name,roles\nMatrix,Import,worker\n")));
        rules.put("GET /api/v1/staffs/imports/{id}", needs("staff:read", 404));

        rules.put("GET /api/v1/roles", needs("roles:read", 200));
        rules.put("GET /api/v1/roles/{id}", needs("roles:read", 404));
        rules.put(
                "POST /api/v1/roles",
                needs("roles:write", 201, () -> Map.of("name", "Matrix role " + unique(), "permissions", List.of())));
        rules.put("PUT /api/v1/roles/{id}", needs("roles:write", 404, () -> Map.of("name", "Renamed " + unique())));
        rules.put("PATCH /api/v1/roles/{id}", needs("roles:write", 404, () -> Map.of("description", "x")));
        rules.put("DELETE /api/v1/roles/{id}", needs("roles:write", 404));

        rules.put("GET /api/v1/api-keys", needs("api-keys:manage", 200));
        rules.put("GET /api/v1/api-keys/{id}", needs("api-keys:manage", 404));
        rules.put(
                "POST /api/v1/api-keys",
                needs("api-keys:manage", 201, () -> Map.of("name", "Matrix key", "roles", List.of("member"))));
        rules.put("DELETE /api/v1/api-keys/{id}", needs("api-keys:manage", 404));

        rules.put("GET /api/teams/responsibilities", needs("teams:read", 200));
        rules.put("GET /api/teams", needs("teams:read", 200));
        rules.put("GET /api/teams/{id}", needs("teams:read", 404));
        rules.put("POST /api/teams", needs("teams:write", 201, () -> Map.of("name", "Matrix team " + unique())));
        rules.put("PUT /api/teams/{id}", needs("teams:write", 404, () -> Map.of("name", "Matrix team " + unique())));
        rules.put("PATCH /api/teams/{id}", needs("teams:write", 404, () -> Map.of("description", "x")));
        rules.put("DELETE /api/teams/{id}", needs("teams:write", 404));
        rules.put("GET /api/teams/{id}/members", needs("teams:read", 404));
        rules.put("POST /api/teams/{id}/members", needs("teams:write", 404, () -> Map.of("staff_ids", List.of(1))));
        rules.put("PUT /api/teams/{id}/members/{staffId}", needs("teams:write", 404));
        rules.put("DELETE /api/teams/{id}/members/{staffId}", needs("teams:write", 404));

        rules.put(
                "POST /api/v1/me/current-store",
                new Rule(Access.STAFF_ONLY, null, () -> Map.of("store", 999999999), "", 400));
        rules.put("DELETE /api/v1/me/current-store", new Rule(Access.STAFF_ONLY, null, null, "", 204));
        rules.put("PUT /api/v1/staffs/{id}/stores/{storeId}", needs("staff:write", 404));
        rules.put("DELETE /api/v1/staffs/{id}/stores/{storeId}", needs("staff:write", 404));

        rules.put("GET /api/v1/stores", needs("stores:read", 200));
        rules.put("GET /api/v1/stores/{id}", needs("stores:read", 404));
        rules.put("GET /api/v1/stores/{id}/staff", needs("stores:read", 404));
        rules.put(
                "POST /api/v1/stores",
                needs("stores:write", 201, () -> Map.of("name", "Matrix store", "remote_id", "matrix-" + unique())));
        rules.put("PUT /api/v1/stores/{id}", needs("stores:write", 404, () -> Map.of("name", "Matrix store")));
        rules.put("PATCH /api/v1/stores/{id}", needs("stores:write", 404, () -> Map.of("name", "Renamed")));
        rules.put("DELETE /api/v1/stores/{id}", needs("stores:write", 404));

        rules.put("GET /api/v1/activation/{token}", open(404, null));
        rules.put(
                "POST /api/v1/activation",
                open(404, () -> Map.of("token", "no-such-token", "password", "long-enough-password")));
        rules.put("POST /api/v1/staffs/{id}/activation", needs("staff:write", 404));
        rules.put("POST /api/v1/password-reset", open(202, () -> Map.of("email", uniqueEmail("reset"))));
        rules.put(
                "POST /api/v1/password-reset/confirm",
                open(404, () -> Map.of("token", "no-such-token", "password", "long-enough-password")));

        rules.put("GET /api/v1/organizations", needs("organizations:read", 200));
        rules.put("GET /api/v1/organizations/{id}", needs("organizations:read", 404));
        rules.put(
                "POST /api/v1/organizations",
                needs(
                        "organizations:write",
                        201,
                        () -> Map.of("name", "Matrix child " + unique(), "parent", matrixOrganization)));
        rules.put(
                "PATCH /api/v1/organizations/{id}", needs("organizations:write", 404, () -> Map.of("name", "Renamed")));
        rules.put("DELETE /api/v1/organizations/{id}", needs("organizations:write", 404));

        rules.put("GET /api/v1/audit-events", needs("audit:read", 200));
        rules.put("GET /api/v1/audit-events/{id}", needs("audit:read", 404));
        rules.put("GET /api/v1/staffs/{id}/history", needs("audit:read", 404));

        Supplier<Object> webhook = () -> Map.of("url", "https://hooks.example.com/matrix", "event_types", List.of("*"));
        rules.put("GET /api/v1/webhooks", needs("webhooks:manage", 200));
        rules.put("POST /api/v1/webhooks", needs("webhooks:manage", 201, webhook));
        rules.put("GET /api/v1/webhooks/{id}", needs("webhooks:manage", 404));
        rules.put("PUT /api/v1/webhooks/{id}", needs("webhooks:manage", 404, webhook));
        rules.put("PATCH /api/v1/webhooks/{id}", needs("webhooks:manage", 404, () -> Map.of("description", "x")));
        rules.put("DELETE /api/v1/webhooks/{id}", needs("webhooks:manage", 404));
        rules.put("POST /api/v1/webhooks/{id}/rotate-secret", needs("webhooks:manage", 404));
        rules.put("POST /api/v1/webhooks/{id}/test", needs("webhooks:manage", 404));
        rules.put("GET /api/v1/webhooks/{id}/deliveries", needs("webhooks:manage", 404));
        rules.put("POST /api/v1/webhooks/{id}/deliveries/{deliveryId}/retry", needs("webhooks:manage", 404));

        rules.put("GET /scim/v2/ServiceProviderConfig", needs("scim:provision", 200));
        rules.put("GET /scim/v2/ResourceTypes", needs("scim:provision", 200));
        rules.put("GET /scim/v2/ResourceTypes/{id}", needs("scim:provision", 404));
        rules.put("GET /scim/v2/Schemas", needs("scim:provision", 200));
        rules.put("GET /scim/v2/Schemas/{id}", needs("scim:provision", 404));
        rules.put("GET /scim/v2/Users", needs("scim:provision", 200));
        rules.put("GET /scim/v2/Users/{id}", needs("scim:provision", 404));
        rules.put(
                "POST /scim/v2/Users",
                needs(
                        "scim:provision",
                        201,
                        () -> Map.of(
                                "userName", "matrix-" + unique(),
                                "name", Map.of("givenName", "Matrix", "familyName", "User"),
                                "emails", List.of(Map.of("value", uniqueEmail("matrix"), "type", "work")))));
        rules.put("PUT /scim/v2/Users/{id}", needs("scim:provision", 404, () -> Map.of("userName", "matrix")));
        rules.put(
                "PATCH /scim/v2/Users/{id}",
                needs(
                        "scim:provision",
                        404,
                        () -> Map.of(
                                "schemas", List.of("urn:ietf:params:scim:api:messages:2.0:PatchOp"),
                                "Operations", List.of(Map.of("op", "replace", "path", "title", "value", "x")))));
        rules.put("DELETE /scim/v2/Users/{id}", needs("scim:provision", 404));
        rules.put("GET /scim/v2/Groups", needs("scim:provision", 200));
        rules.put("GET /scim/v2/Groups/{id}", needs("scim:provision", 404));
        rules.put(
                "POST /scim/v2/Groups",
                needs("scim:provision", 201, () -> Map.of("displayName", "Matrix group " + unique())));
        rules.put("PUT /scim/v2/Groups/{id}", needs("scim:provision", 404, () -> Map.of("displayName", "Matrix")));
        rules.put(
                "PATCH /scim/v2/Groups/{id}",
                needs(
                        "scim:provision",
                        404,
                        () -> Map.of(
                                "schemas", List.of("urn:ietf:params:scim:api:messages:2.0:PatchOp"),
                                "Operations", List.of(Map.of("op", "replace", "path", "displayName", "value", "x")))));
        rules.put("DELETE /scim/v2/Groups/{id}", needs("scim:provision", 404));
        return rules;
    }

    @BeforeAll
    void callers() {
        api = new com.staffkit.support.Api("http://localhost:" + port, json);
        long organization = newOrganization("Matrix Org");
        matrixOrganization = organization;
        callers.add(new Caller("anonymous", null, null, Set.of(), false));
        callers.add(new Caller("superadmin", "Authorization", "Bearer " + superadminToken(), ALL, true));
        callers.add(staff("owner", organization, ALL));
        Caller admin = staff("admin", organization, ADMIN);
        callers.add(admin);
        callers.add(staff("manager", organization, MANAGER));
        callers.add(staff("member", organization, MEMBER));
        ApiResponse key = api.post("/api/v1/api-keys")
                .header(admin.header(), admin.value())
                .json(Map.of("name", "Matrix partner", "roles", List.of("manager")))
                .send();
        assertThat(key.status()).as(key.body()).isEqualTo(201);
        callers.add(new Caller(
                "api key (manager)", "X-Api-Key", key.json().get("key").asString(), MANAGER, false));
    }

    private Caller staff(String role, long organization, Set<String> permissions) {
        return new Caller(
                role, "Authorization", "Bearer " + member(organization, role).token(), permissions, true);
    }

    @Test
    void everyEndpointHasAnEntryAndEveryEntryAnEndpoint() {
        Set<String> endpoints = new TreeSet<>(endpoints());
        Set<String> entries = new TreeSet<>(matrix().keySet());
        assertThat(endpoints).as("endpoints without an access-matrix entry").isSubsetOf(entries);
        assertThat(entries).as("access-matrix entries without an endpoint").isSubsetOf(endpoints);
    }

    @TestFactory
    Stream<DynamicTest> everyCallerGetsTheExpectedStatusOnEveryEndpoint() {
        return matrix().entrySet().stream()
                .flatMap(entry -> callers.stream()
                        .map(caller -> DynamicTest.dynamicTest(
                                entry.getKey() + " as " + caller.name(),
                                () -> check(entry.getKey(), entry.getValue(), caller))));
    }

    private void check(String endpoint, Rule rule, Caller caller) {
        String method = endpoint.substring(0, endpoint.indexOf(' '));
        String path = endpoint.substring(endpoint.indexOf(' ') + 1)
                        .replace("{id}", MISSING_ID)
                        .replace("{staffId}", MISSING_ID)
                        .replace("{storeId}", MISSING_ID)
                        .replace("{deliveryId}", MISSING_ID)
                        .replace("{token}", "no-such-token")
                + rule.query();
        var request = api.request(method, path);
        if (caller.header() != null) {
            request.header(caller.header(), caller.value());
        }
        if (rule.body() != null) {
            Object body = rule.body().get();
            if (body instanceof Csv csv) {
                request.body("text/csv", csv.text());
            } else {
                request.json(body);
            }
        }
        ApiResponse response = request.send();
        int expected = expectedStatus(rule, caller);
        assertThat(response.status())
                .as(endpoint + " as " + caller.name() + ": " + response.body())
                .isEqualTo(expected);
    }

    private static int expectedStatus(Rule rule, Caller caller) {
        boolean anonymous = caller.header() == null;
        return switch (rule.access()) {
            case PUBLIC -> rule.permittedStatus();
            case AUTHENTICATED -> anonymous ? 401 : rule.permittedStatus();
            case STAFF_ONLY -> anonymous ? 401 : caller.staff() ? rule.permittedStatus() : 403;
            case PERMISSION ->
                anonymous ? 401 : caller.permissions().contains(rule.permission()) ? rule.permittedStatus() : 403;
        };
    }

    private List<String> endpoints() {
        List<String> endpoints = new ArrayList<>();
        mappings.getHandlerMethods().keySet().forEach(info -> {
            for (String pattern : info.getPatternValues()) {
                if (!pattern.startsWith("/api/") && !pattern.startsWith("/scim/")) {
                    continue;
                }
                // A variable as the document names it, without the regular expression it may have.
                String path = pattern.replaceAll("\\{(\\w+):[^}]*}", "{$1}");
                info.getMethodsCondition().getMethods().forEach(method -> endpoints.add(method.name() + " " + path));
            }
        });
        return endpoints;
    }

    private static Set<String> without(Set<String> permissions, String removed) {
        Set<String> result = new TreeSet<>(permissions);
        result.remove(removed);
        return Set.copyOf(result);
    }
}
