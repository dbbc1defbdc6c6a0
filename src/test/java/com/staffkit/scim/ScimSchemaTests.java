package com.staffkit.scim;

import static com.staffkit.scim.ScimContract.ENTERPRISE;
import static com.staffkit.scim.ScimContract.GROUP;
import static com.staffkit.scim.ScimContract.SCIM_JSON;
import static com.staffkit.scim.ScimContract.USER;
import static org.assertj.core.api.Assertions.assertThat;

import com.staffkit.support.IntegrationTest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code /scim/v2/Schemas} describes exactly what Users and Groups hold: a resource with every
 * attribute set comes back with exactly the attributes (and sub-attributes) its schemas list as
 * returned, no more and no fewer.
 */
class ScimSchemaTests extends IntegrationTest {

    /** RFC 7643 §3.1: every resource has them; no schema lists them. */
    private static final Set<String> COMMON = Set.of("schemas", "id", "externalId", "meta");

    private long organization;
    private Member admin;
    private String key;

    @BeforeEach
    void anIdentityProvider() {
        organization = newOrganization("Scim Schemas " + unique());
        admin = member(organization, "admin");
        key = api.post("/api/v1/api-keys")
                .token(admin.token())
                .json(Map.of("name", "IdP", "roles", List.of("admin")))
                .send()
                .json(201)
                .get("key")
                .asString();
    }

    @Test
    void aFullUserHasExactlyTheAttributesItsSchemasReturn() {
        String userName = uniqueEmail("full");
        JsonNode user = api.post("/scim/v2/Users")
                .token(key)
                .body(SCIM_JSON, """
                        {"schemas": ["%s", "%s"], "userName": "%s", "externalId": "x-%s",
                         "name": {"givenName": "Full", "familyName": "User"}, "displayName": "Full U.",
                         "title": "Lead", "timezone": "Europe/Paris", "active": true, "password": "a-long-enough-password",
                         "emails": [{"value": "%s", "type": "work", "primary": true}],
                         "phoneNumbers": [{"value": "+33 1 23 45 67 89", "type": "work", "primary": true}],
                         "%s": {"employeeNumber": "1", "costCenter": "2", "organization": "3", "division": "4",
                                "department": "5", "manager": {"value": "6"}}}
                        """.formatted(USER, ENTERPRISE, userName, userName, userName, ENTERPRISE))
                .send()
                .json(201);
        String id = user.get("id").asString();
        api.post("/scim/v2/Groups")
                .token(key)
                .body(
                        SCIM_JSON,
                        "{\"displayName\": \"Schema team " + unique() + "\", \"members\": [{\"value\": \"" + id
                                + "\"}]}")
                .send()
                .json(201);
        user = api.get("/scim/v2/Users/" + id).token(key).send().json(200);

        assertThat(paths(user, USER)).isEqualTo(returned(USER));
        assertThat(paths(user.get(ENTERPRISE), ENTERPRISE)).isEqualTo(returned(ENTERPRISE));
    }

    @Test
    void aFullGroupHasExactlyTheAttributesItsSchemaReturns() {
        long member = member(organization, "member").id();
        JsonNode group = api.post("/scim/v2/Groups")
                .token(key)
                .body(
                        SCIM_JSON,
                        "{\"displayName\": \"Full group " + unique()
                                + "\", \"externalId\": \"g\", \"members\": [{\"value\": \"" + member + "\"}]}")
                .send()
                .json(201);

        assertThat(paths(group, GROUP)).isEqualTo(returned(GROUP));
    }

    /** The attribute paths ({@code name}, {@code name.givenName}) a resource holds, without the common ones and extensions. */
    private static Set<String> paths(JsonNode resource, String schema) {
        Set<String> paths = new TreeSet<>();
        for (String name : resource.propertyNames()) {
            if (COMMON.contains(name) || name.startsWith("urn:")) {
                continue;
            }
            paths.add(name);
            JsonNode value = resource.get(name);
            JsonNode element = value.isArray() ? value.get(0) : value;
            if (element != null && element.isObject()) {
                element.propertyNames().forEach(sub -> paths.add(name + "." + sub));
            }
        }
        return paths;
    }

    private Set<String> returned(String schema) {
        JsonNode document =
                api.get("/scim/v2/Schemas/" + schema).token(key).send().json(200);
        Set<String> paths = new TreeSet<>();
        for (JsonNode attribute : document.get("attributes")) {
            if (attribute.get("returned").asString().equals("never")) {
                continue;
            }
            String name = attribute.get("name").asString();
            paths.add(name);
            JsonNode subs = attribute.get("subAttributes");
            if (subs != null) {
                subs.forEach(sub -> {
                    if (!sub.get("returned").asString().equals("never")) {
                        paths.add(name + "." + sub.get("name").asString());
                    }
                });
            }
        }
        return paths;
    }
}
