package com.staffkit.staff;

import static org.assertj.core.api.Assertions.assertThat;

import com.staffkit.support.ApiResponse;
import com.staffkit.support.IntegrationTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A single create looks its organization and roles up in memory ({@link RegistrationLookupCache});
 * a change of either holds for the very next create, as it would with the database read each time.
 */
class RegistrationLookupCacheTests extends IntegrationTest {

    private ApiResponse create(String token, Map<String, Object> fields) {
        return api.post("/api/v1/staffs/").token(token).json(fields).send();
    }

    private static Map<String, Object> person(Object organization, List<String> roles) {
        return Map.of(
                "organization",
                organization,
                "first_name",
                "Cached",
                "last_name",
                "Lookup " + unique(),
                "email",
                uniqueEmail("cached"),
                "roles",
                roles);
    }

    @Test
    void aDeletedRoleIsUnknownToTheNextCreate() {
        long organization = newOrganization("Cached roles " + unique());
        Member owner = member(organization, "owner");
        String name = "cashier" + unique();
        long roleId = api.post("/api/v1/roles")
                .token(owner.token())
                .json(Map.of("name", name, "permissions", List.of("staff:read")))
                .send()
                .json(201)
                .get("id")
                .asLong();
        long holder = create(owner.token(), person(organization, List.of(name)))
                .json(201)
                .get("id")
                .asLong();
        // A role still held cannot be deleted.
        api.patch("/api/v1/staffs/" + holder)
                .token(owner.token())
                .json(Map.of("roles", List.of("member")))
                .send()
                .json(200);

        assertThat(api.delete("/api/v1/roles/" + roleId)
                        .token(owner.token())
                        .send()
                        .status())
                .isEqualTo(204);

        JsonNode refused =
                create(owner.token(), person(organization, List.of(name))).json(400);
        assertThat(refused.get("errors").get(0).get("field").asString()).isEqualTo("roles");
    }

    @Test
    void aNewRoleIsKnownToTheNextCreate() {
        long organization = newOrganization("Cached new roles " + unique());
        Member owner = member(organization, "owner");
        String name = "picker" + unique();
        create(owner.token(), person(organization, List.of(name))).json(400);

        api.post("/api/v1/roles")
                .token(owner.token())
                .json(Map.of("name", name, "permissions", List.of("staff:read")))
                .send()
                .json(201);

        JsonNode created =
                create(owner.token(), person(organization, List.of(name))).json(201);
        assertThat(created.get("roles").toString()).contains(name);
    }

    @Test
    void anOrganizationTakenOutOfForceRefusesTheNextCreateInItsBranches() {
        long organization = newOrganization("Cached parent " + unique());
        long branch = api.post("/api/v1/organizations")
                .token(superadminToken())
                .json(Map.of("name", "Branch " + unique(), "parent", organization))
                .send()
                .json(201)
                .get("id")
                .asLong();
        create(superadminToken(), person(branch, List.of("member"))).json(201);

        api.patch("/api/v1/organizations/" + organization)
                .token(superadminToken())
                .json(Map.of("is_active", false))
                .send()
                .json(200);

        JsonNode refused =
                create(superadminToken(), person(branch, List.of("member"))).json(400);
        assertThat(refused.get("errors").get(0).get("field").asString()).isEqualTo("organization");
    }
}
