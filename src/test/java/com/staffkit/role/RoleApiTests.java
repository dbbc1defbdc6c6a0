package com.staffkit.role;

import static com.staffkit.support.Json.strings;
import static org.assertj.core.api.Assertions.assertThat;

import com.staffkit.support.ApiResponse;
import com.staffkit.support.IntegrationTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code /api/v1/permissions} and {@code /api/v1/roles}: the catalogue, built-in roles and custom roles. */
class RoleApiTests extends IntegrationTest {

    private static final String ROLES = "/api/v1/roles";

    private static final List<String> CATALOGUE = List.of(
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
            "service:metrics",
            "webhooks:manage",
            "scim:provision");

    /** What an organization's roles may hold: everything but the service-wide permissions. */
    private static final List<String> ORGANIZATION_WIDE =
            CATALOGUE.stream().filter(p -> !p.equals("service:metrics")).toList();

    private static final Map<String, List<String>> BUILT_IN = new LinkedHashMap<>();

    static {
        BUILT_IN.put("superadmin", CATALOGUE);
        BUILT_IN.put("owner", ORGANIZATION_WIDE);
        BUILT_IN.put(
                "admin",
                ORGANIZATION_WIDE.stream()
                        .filter(p -> !p.equals("organizations:write"))
                        .toList());
        BUILT_IN.put("manager", List.of("staff:read", "staff:write", "teams:read", "teams:write", "stores:read"));
        BUILT_IN.put("member", List.of("staff:read", "teams:read", "stores:read"));
        BUILT_IN.put("worker", List.of());
    }

    private static final List<String> REPRESENTATION_FIELDS = List.of(
            "id", "organization", "name", "description", "permissions", "is_built_in", "created_at", "modified_at");

    private long organization;
    private Member admin;

    @BeforeEach
    void anOrganizationWithAnAdmin() {
        organization = newOrganization("Role Clinic");
        admin = member(organization, "admin");
    }

    @Nested
    class PermissionCatalogue {

        @Test
        void listsEveryPermissionWithADescriptionInCatalogueOrder() {
            ApiResponse response =
                    api.get("/api/v1/permissions").token(admin.token()).send();

            assertThat(response.status()).isEqualTo(200);
            JsonNode body = response.json();
            List<String> names = new ArrayList<>();
            for (JsonNode permission : body) {
                names.add(permission.get("name").asString());
                assertThat(permission.get("description").asString()).isNotBlank();
                assertThat(permission.propertyNames()).containsExactlyInAnyOrder("name", "description");
            }
            assertThat(names).containsExactlyElementsOf(CATALOGUE);
        }

        @Test
        void anyAuthenticatedCallerMayReadItButNotAnAnonymousOne() {
            Member member = member(organization, "member");
            assertThat(api.get("/api/v1/permissions")
                            .token(member.token())
                            .send()
                            .status())
                    .isEqualTo(200);
            assertThat(api.get("/api/v1/permissions").send().status()).isEqualTo(401);
        }
    }

    @Nested
    class BuiltInRoles {

        @Test
        void listShowsBuiltInRolesWithTheirExactPermissionsThenTheOrganizationsCustomRoles() {
            JsonNode own = createRole(admin.token(), "Patient Presenter " + unique(), "staff:read");
            long other = newOrganization("Other Clinic");
            JsonNode foreign = createRole(member(other, "admin").token(), "Foreign " + unique(), "staff:read");

            ApiResponse response =
                    api.get(ROLES + "?page_size=100").token(admin.token()).send();

            assertThat(response.status()).isEqualTo(200);
            JsonNode body = response.json();
            assertThat(body.get("count").asLong()).isEqualTo(BUILT_IN.size() + 1);
            assertThat(body.get("next").isNull()).isTrue();
            assertThat(body.get("previous").isNull()).isTrue();
            JsonNode results = body.get("results");
            assertThat(results).hasSize(BUILT_IN.size() + 1);
            int index = 0;
            for (Map.Entry<String, List<String>> builtIn : BUILT_IN.entrySet()) {
                JsonNode role = results.get(index++);
                assertThat(role.propertyNames()).containsExactlyInAnyOrderElementsOf(REPRESENTATION_FIELDS);
                assertThat(role.get("name").asString()).isEqualTo(builtIn.getKey());
                assertThat(strings(role.get("permissions")))
                        .as(builtIn.getKey())
                        .containsExactlyInAnyOrderElementsOf(builtIn.getValue());
                assertThat(role.get("is_built_in").asBoolean()).isTrue();
                assertThat(role.get("organization").isNull())
                        .as(role.toString())
                        .isTrue();
            }
            JsonNode custom = results.get(BUILT_IN.size());
            assertThat(custom.get("id").asLong()).isEqualTo(own.get("id").asLong());
            assertThat(custom.get("is_built_in").asBoolean()).isFalse();
            assertThat(custom.get("organization").asLong()).isEqualTo(organization);
            assertThat(response.body()).doesNotContain(foreign.get("name").asString());
        }

        @Test
        void listIsPaginated() {
            ApiResponse first =
                    api.get(ROLES + "?page_size=4").token(admin.token()).send();
            assertThat(first.status()).isEqualTo(200);
            assertThat(first.json().get("count").asLong()).isEqualTo(BUILT_IN.size());
            assertThat(first.json().get("results")).hasSize(4);
            assertThat(first.json().get("previous").isNull()).isTrue();
            String next = first.json().get("next").asString();
            assertThat(next).contains("page=2").contains("page_size=4");

            ApiResponse second = api.get(next).token(admin.token()).send();
            assertThat(second.json().get("results")).hasSize(BUILT_IN.size() - 4);
            assertThat(second.json().get("next").isNull()).isTrue();
            assertThat(second.json().get("previous").asString()).contains("page=1");
            assertThat(second.json().get("results").get(0).get("name").asString())
                    .isEqualTo("member");
        }

        @Test
        void readingRolesNeedsRolesRead() {
            for (String role : List.of("manager", "member")) {
                Member caller = member(organization, role);
                assertThat(api.get(ROLES).token(caller.token()).send().status())
                        .as(role)
                        .isEqualTo(403);
                assertThat(api.get(ROLES + "/" + builtInId("member"))
                                .token(caller.token())
                                .send()
                                .status())
                        .as(role)
                        .isEqualTo(403);
            }
        }

        @Test
        void getOneBuiltInRole() {
            ApiResponse response = api.get(ROLES + "/" + builtInId("manager"))
                    .token(admin.token())
                    .send();

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.json().get("name").asString()).isEqualTo("manager");
            assertThat(strings(response.json().get("permissions")))
                    .containsExactlyInAnyOrderElementsOf(BUILT_IN.get("manager"));
        }

        @Test
        void cannotBeChangedOrDeletedEvenByTheSuperadmin() {
            long adminRole = builtInId("admin");
            for (String token : List.of(admin.token(), superadminToken())) {
                List<ApiResponse> responses = List.of(
                        api.put(ROLES + "/" + adminRole)
                                .token(token)
                                .json(Map.of("name", "admin", "permissions", List.of("staff:read")))
                                .send(),
                        api.patch(ROLES + "/" + adminRole)
                                .token(token)
                                .json(Map.of("description", "changed"))
                                .send(),
                        api.delete(ROLES + "/" + adminRole).token(token).send(),
                        api.delete(ROLES + "/" + adminRole + "?force=true")
                                .token(token)
                                .send());
                for (ApiResponse response : responses) {
                    assertThat(response.status()).as(response.body()).isEqualTo(409);
                    assertThat(response.contentType()).startsWith("application/problem+json");
                    assertThat(response.json().get("detail").asString()).containsIgnoringCase("built-in");
                }
            }
            assertThat(permissionsInDatabase(adminRole)).containsExactlyInAnyOrderElementsOf(BUILT_IN.get("admin"));
            assertThat(jdbc.sql("select description from roles where id = :id")
                            .param("id", adminRole)
                            .query(String.class)
                            .single())
                    .isNotEqualTo("changed");
        }
    }

    @Nested
    class Creating {

        @Test
        void createsACustomRoleWithLocationAndRepresentation() {
            String name = "Patient Presenter " + unique();
            ApiResponse response = api.post(ROLES)
                    .token(admin.token())
                    .json(Map.of(
                            "name",
                            name,
                            "description",
                            "Presents patients to providers",
                            "permissions",
                            List.of("staff:read", "teams:read")))
                    .send();

            assertThat(response.status()).as(response.body()).isEqualTo(201);
            JsonNode role = response.json();
            long id = role.get("id").asLong();
            assertThat(response.header("Location")).endsWith("/api/v1/roles/" + id);
            assertThat(role.propertyNames()).containsExactlyInAnyOrderElementsOf(REPRESENTATION_FIELDS);
            assertThat(role.get("organization").asLong()).isEqualTo(organization);
            assertThat(role.get("name").asString()).isEqualTo(name);
            assertThat(role.get("description").asString()).isEqualTo("Presents patients to providers");
            assertThat(strings(role.get("permissions"))).containsExactlyInAnyOrder("staff:read", "teams:read");
            assertThat(role.get("is_built_in").asBoolean()).isFalse();
            Instant created = Instant.parse(role.get("created_at").asString());
            assertThat(created)
                    .isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(5));
            assertThat(role.get("modified_at").asString())
                    .isEqualTo(role.get("created_at").asString());

            Map<String, Object> row = roleRow(id);
            assertThat(row)
                    .containsEntry("organization_id", organization)
                    .containsEntry("name", name)
                    .containsEntry("is_built_in", false);
            assertThat(permissionsInDatabase(id)).containsExactlyInAnyOrder("staff:read", "teams:read");

            ApiResponse fetched =
                    api.get(response.header("Location")).token(admin.token()).send();
            assertThat(fetched.status()).isEqualTo(200);
            assertThat(fetched.json()).isEqualTo(role);
        }

        @Test
        void managersAndMembersMayNotCreateRoles() {
            for (String roleName : List.of("manager", "member")) {
                Member caller = member(organization, roleName);
                String name = "Provider " + unique();
                ApiResponse response = api.post(ROLES)
                        .token(caller.token())
                        .json(Map.of("name", name, "permissions", List.of("staff:read")))
                        .send();
                assertThat(response.status()).as(roleName).isEqualTo(403);
                assertThat(countRolesNamed(name)).isZero();
            }
        }

        @Test
        void ownerAndSuperadminMayCreateRoles() {
            Member owner = member(organization, "owner");
            JsonNode byOwner = createRole(owner.token(), "Provider " + unique(), "organizations:write");
            assertThat(byOwner.get("organization").asLong()).isEqualTo(organization);

            JsonNode bySuperadmin = createRole(superadminToken(), "Provider " + unique(), "audit:read");
            assertThat(bySuperadmin.get("organization").asLong()).isEqualTo(defaultOrganization());
        }

        @Test
        void namesAreUniquePerOrganizationIgnoringCase() {
            String name = "Provider " + unique();
            createRole(admin.token(), name, "staff:read");

            ApiResponse duplicate = api.post(ROLES)
                    .token(admin.token())
                    .json(Map.of("name", name.toUpperCase(), "permissions", List.of("teams:read")))
                    .send();

            assertThat(duplicate.status()).isEqualTo(409);
            assertThat(duplicate.json().get("errors").get(0).get("field").asString())
                    .isEqualTo("name");
            assertThat(countRolesNamed(name)).isEqualTo(1);

            long other = newOrganization("Other Clinic");
            JsonNode elsewhere = createRole(member(other, "admin").token(), name, "staff:read");
            assertThat(elsewhere.get("organization").asLong()).isEqualTo(other);
            assertThat(countRolesNamed(name)).isEqualTo(2);
        }

        @Test
        void builtInNamesAreTakenInAnyCase() {
            for (String name : List.of("Admin", "OWNER", "worker", "Superadmin")) {
                ApiResponse response = api.post(ROLES)
                        .token(admin.token())
                        .json(Map.of("name", name, "permissions", List.of("staff:read")))
                        .send();
                assertThat(response.status()).as(name).isEqualTo(409);
                assertThat(response.json().get("errors").get(0).get("field").asString())
                        .isEqualTo("name");
            }
            assertThat(jdbc.sql("select count(*) from roles where organization_id = :org")
                            .param("org", organization)
                            .query(Long.class)
                            .single())
                    .isZero();
        }

        @Test
        void unknownPermissionsAre400NamingPermissions() {
            String name = "Provider " + unique();
            ApiResponse response = api.post(ROLES)
                    .token(admin.token())
                    .json(Map.of("name", name, "permissions", List.of("staff:read", "staff:fly")))
                    .send();

            assertThat(response.status()).isEqualTo(400);
            assertThat(response.json().get("errors").get(0).get("field").asString())
                    .isEqualTo("permissions");
            assertThat(response.json().get("detail").asString()).contains("staff:fly");
            assertThat(countRolesNamed(name)).isZero();
        }

        @Test
        void cannotCreateARoleCarryingAPermissionTheCallerLacks() {
            String name = "Org Editor " + unique();
            ApiResponse response = api.post(ROLES)
                    .token(admin.token())
                    .json(Map.of("name", name, "permissions", List.of("staff:read", "organizations:write")))
                    .send();

            assertThat(response.status()).isEqualTo(403);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(countRolesNamed(name)).isZero();
        }
    }

    @Nested
    class Changing {

        @Test
        void putReplacesEveryField() {
            JsonNode role = createRole(admin.token(), "Provider " + unique(), "staff:read", "teams:read");
            long id = role.get("id").asLong();
            String renamed = "Senior Provider " + unique();

            ApiResponse response = api.put(ROLES + "/" + id)
                    .token(admin.token())
                    .json(Map.of("name", renamed, "permissions", List.of("stores:read")))
                    .send();

            assertThat(response.status()).as(response.body()).isEqualTo(200);
            JsonNode body = response.json();
            assertThat(body.get("id").asLong()).isEqualTo(id);
            assertThat(body.get("name").asString()).isEqualTo(renamed);
            assertThat(body.get("description").asString()).isEmpty();
            assertThat(strings(body.get("permissions"))).containsExactly("stores:read");
            assertThat(body.get("created_at").asString())
                    .isEqualTo(role.get("created_at").asString());
            assertThat(Instant.parse(body.get("modified_at").asString()))
                    .isAfter(Instant.parse(role.get("modified_at").asString()));

            assertThat(roleRow(id)).containsEntry("name", renamed).containsEntry("description", "");
            assertThat(permissionsInDatabase(id)).containsExactly("stores:read");
        }

        @Test
        void patchChangesOnlyTheGivenFields() {
            String name = "Patient Presenter " + unique();
            JsonNode role = createRole(admin.token(), name, "staff:read", "teams:read");
            long id = role.get("id").asLong();

            ApiResponse described = api.patch(ROLES + "/" + id)
                    .token(admin.token())
                    .json(Map.of("description", "Presents patients"))
                    .send();

            assertThat(described.status()).as(described.body()).isEqualTo(200);
            assertThat(described.json().get("name").asString()).isEqualTo(name);
            assertThat(described.json().get("description").asString()).isEqualTo("Presents patients");
            assertThat(strings(described.json().get("permissions")))
                    .containsExactlyInAnyOrder("staff:read", "teams:read");

            ApiResponse narrowed = api.patch(ROLES + "/" + id)
                    .body("application/merge-patch+json", "{\"permissions\": [\"teams:read\"]}")
                    .token(admin.token())
                    .send();

            assertThat(narrowed.status()).as(narrowed.body()).isEqualTo(200);
            assertThat(narrowed.json().get("description").asString()).isEqualTo("Presents patients");
            assertThat(strings(narrowed.json().get("permissions"))).containsExactly("teams:read");
            assertThat(roleRow(id)).containsEntry("name", name).containsEntry("description", "Presents patients");
            assertThat(permissionsInDatabase(id)).containsExactly("teams:read");
        }

        @Test
        void renamingToATakenNameIs409AndChangesNothing() {
            String taken = "Provider " + unique();
            createRole(admin.token(), taken, "staff:read");
            String name = "Presenter " + unique();
            long id = createRole(admin.token(), name, "staff:read").get("id").asLong();

            for (ApiResponse response : List.of(
                    api.patch(ROLES + "/" + id)
                            .token(admin.token())
                            .json(Map.of("name", taken.toLowerCase()))
                            .send(),
                    api.put(ROLES + "/" + id)
                            .token(admin.token())
                            .json(Map.of("name", "Manager", "permissions", List.of("staff:read")))
                            .send())) {
                assertThat(response.status()).as(response.body()).isEqualTo(409);
                assertThat(response.json().get("errors").get(0).get("field").asString())
                        .isEqualTo("name");
            }
            assertThat(roleRow(id)).containsEntry("name", name);
        }

        @Test
        void putWithoutANameIs400NamingName() {
            String name = "Provider " + unique();
            long id = createRole(admin.token(), name, "staff:read").get("id").asLong();

            ApiResponse response = api.put(ROLES + "/" + id)
                    .token(admin.token())
                    .json(Map.of("description", "no name", "permissions", List.of("staff:read")))
                    .send();

            assertThat(response.status()).isEqualTo(400);
            assertThat(response.json().get("errors").get(0).get("field").asString())
                    .isEqualTo("name");
            assertThat(roleRow(id)).containsEntry("name", name).containsEntry("description", "");
        }

        @Test
        void unknownPermissionsInAChangeAre400() {
            long id = createRole(admin.token(), "Provider " + unique(), "staff:read")
                    .get("id")
                    .asLong();

            ApiResponse response = api.patch(ROLES + "/" + id)
                    .token(admin.token())
                    .json(Map.of("permissions", List.of("everything")))
                    .send();

            assertThat(response.status()).isEqualTo(400);
            assertThat(response.json().get("errors").get(0).get("field").asString())
                    .isEqualTo("permissions");
            assertThat(permissionsInDatabase(id)).containsExactly("staff:read");
        }

        @Test
        void cannotAddAPermissionTheCallerLacks() {
            long id = createRole(admin.token(), "Provider " + unique(), "staff:read")
                    .get("id")
                    .asLong();

            ApiResponse response = api.patch(ROLES + "/" + id)
                    .token(admin.token())
                    .json(Map.of("permissions", List.of("staff:read", "organizations:write")))
                    .send();

            assertThat(response.status()).isEqualTo(403);
            assertThat(permissionsInDatabase(id)).containsExactly("staff:read");
        }

        @Test
        void cannotChangeOrDeleteARoleCarryingAPermissionTheCallerLacks() {
            Member owner = member(organization, "owner");
            String name = "Org Editor " + unique();
            long id = createRole(owner.token(), name, "organizations:write")
                    .get("id")
                    .asLong();

            assertThat(api.patch(ROLES + "/" + id)
                            .token(admin.token())
                            .json(Map.of("permissions", List.of("staff:read")))
                            .send()
                            .status())
                    .isEqualTo(403);
            assertThat(api.delete(ROLES + "/" + id).token(admin.token()).send().status())
                    .isEqualTo(403);
            assertThat(permissionsInDatabase(id)).containsExactly("organizations:write");
            assertThat(roleRow(id)).containsEntry("name", name);
        }

        @Test
        void managersMayNotChangeOrDeleteRoles() {
            long id = createRole(admin.token(), "Provider " + unique(), "staff:read")
                    .get("id")
                    .asLong();
            Member manager = member(organization, "manager");

            assertThat(api.put(ROLES + "/" + id)
                            .token(manager.token())
                            .json(Map.of("name", "Hijacked " + unique(), "permissions", List.of()))
                            .send()
                            .status())
                    .isEqualTo(403);
            assertThat(api.patch(ROLES + "/" + id)
                            .token(manager.token())
                            .json(Map.of("description", "hijacked"))
                            .send()
                            .status())
                    .isEqualTo(403);
            assertThat(api.delete(ROLES + "/" + id)
                            .token(manager.token())
                            .send()
                            .status())
                    .isEqualTo(403);
            assertThat(roleRow(id)).containsEntry("description", "");
        }
    }

    @Nested
    class TenantIsolation {

        @Test
        void anotherOrganizationsRoleIs404ForEveryOperationAndStaysUnchanged() {
            long other = newOrganization("Other Clinic");
            String name = "Provider " + unique();
            long id = createRole(member(other, "admin").token(), name, "staff:read")
                    .get("id")
                    .asLong();

            List<ApiResponse> responses = List.of(
                    api.get(ROLES + "/" + id).token(admin.token()).send(),
                    api.put(ROLES + "/" + id)
                            .token(admin.token())
                            .json(Map.of("name", "Hacked " + unique(), "permissions", List.of()))
                            .send(),
                    api.patch(ROLES + "/" + id)
                            .token(admin.token())
                            .json(Map.of("description", "hacked"))
                            .send(),
                    api.delete(ROLES + "/" + id).token(admin.token()).send(),
                    api.delete(ROLES + "/" + id + "?force=true")
                            .token(admin.token())
                            .send());
            ApiResponse missing =
                    api.get(ROLES + "/999999999").token(admin.token()).send();

            for (ApiResponse response : responses) {
                assertThat(response.status()).as(response.body()).isEqualTo(404);
                assertThat(response.body()).doesNotContain(name);
                assertThat(response.json().get("title"))
                        .isEqualTo(missing.json().get("title"));
            }
            assertThat(roleRow(id)).containsEntry("name", name).containsEntry("description", "");
            assertThat(permissionsInDatabase(id)).containsExactly("staff:read");
        }

        @Test
        void anotherOrganizationsRoleCannotBeAssignedToStaff() {
            long other = newOrganization("Other Clinic");
            String name = "Provider " + unique();
            createRole(member(other, "admin").token(), name, "staff:read");

            ApiResponse response = api.post("/api/v1/staffs/")
                    .token(admin.token())
                    .json(Map.of(
                            "first_name",
                            "Cross",
                            "last_name",
                            "Tenant",
                            "email",
                            uniqueEmail("cross"),
                            "roles",
                            List.of(name)))
                    .send();

            assertThat(response.status()).isEqualTo(400);
            assertThat(response.json().get("errors").get(0).get("field").asString())
                    .isEqualTo("roles");
        }
    }

    @Nested
    class AssigningToStaff {

        @Test
        void staffCreatedWithACustomRoleGetExactlyItsPermissions() {
            String name = "Patient Presenter " + unique();
            createRole(admin.token(), name, "staff:read", "teams:read", "audit:read");

            Member presenter = staffWith(organization, name);

            ApiResponse staff = api.get("/api/v1/staffs/" + presenter.id())
                    .token(admin.token())
                    .send();
            assertThat(strings(staff.json().get("roles"))).containsExactly(name);
            ApiResponse me = api.get("/api/v1/me").token(presenter.token()).send();
            assertThat(me.status()).isEqualTo(200);
            assertThat(strings(me.json().get("permissions")))
                    .containsExactlyInAnyOrder("staff:read", "teams:read", "audit:read");
        }

        @Test
        void customRoleAssignedByPatchReplacesThePermissions() {
            String name = "Provider " + unique();
            createRole(admin.token(), name, "stores:read");
            Member staff = member(organization, "member");

            ApiResponse patched = api.patch("/api/v1/staffs/" + staff.id())
                    .token(admin.token())
                    .json(Map.of("roles", List.of(name.toLowerCase())))
                    .send();

            assertThat(patched.status()).as(patched.body()).isEqualTo(200);
            assertThat(strings(patched.json().get("roles"))).containsExactly(name);
            assertThat(jdbc.sql("""
                            select r.name from staff_roles sr join roles r on r.id = sr.role_id
                            where sr.staff_id = :id""").param("id", staff.id()).query(String.class).list())
                    .containsExactly(name);
            String token = login(staff.email(), PASSWORD);
            assertThat(strings(api.get("/api/v1/me").token(token).send().json().get("permissions")))
                    .containsExactly("stores:read");
            assertThat(api.get(ROLES).token(token).send().status()).isEqualTo(403);
        }

        @Test
        void permissionChangesTakeEffectImmediatelyForExistingSessions() {
            String name = "Patient Presenter " + unique();
            long id = createRole(admin.token(), name, "staff:read").get("id").asLong();
            Member presenter = staffWith(organization, name);
            assertThat(api.get(ROLES).token(presenter.token()).send().status()).isEqualTo(403);

            ApiResponse changed = api.patch(ROLES + "/" + id)
                    .token(admin.token())
                    .json(Map.of("permissions", List.of("staff:read", "roles:read")))
                    .send();
            assertThat(changed.status()).as(changed.body()).isEqualTo(200);

            ApiResponse me = api.get("/api/v1/me").token(presenter.token()).send();
            assertThat(me.status()).isEqualTo(200);
            assertThat(strings(me.json().get("permissions"))).containsExactlyInAnyOrder("staff:read", "roles:read");
            assertThat(api.get(ROLES).token(presenter.token()).send().status()).isEqualTo(200);

            api.put(ROLES + "/" + id)
                    .token(admin.token())
                    .json(Map.of("name", name, "permissions", List.of()))
                    .send();
            assertThat(strings(api.get("/api/v1/me")
                            .token(presenter.token())
                            .send()
                            .json()
                            .get("permissions")))
                    .isEmpty();
            assertThat(api.get("/api/v1/staffs/")
                            .token(presenter.token())
                            .send()
                            .status())
                    .isEqualTo(403);
        }
    }

    @Nested
    class Deleting {

        @Test
        void unassignedRoleIsDeleted() {
            long id = createRole(admin.token(), "Provider " + unique(), "staff:read")
                    .get("id")
                    .asLong();

            ApiResponse response =
                    api.delete(ROLES + "/" + id).token(admin.token()).send();

            assertThat(response.status()).isEqualTo(204);
            assertThat(response.body()).isEmpty();
            assertThat(api.get(ROLES + "/" + id).token(admin.token()).send().status())
                    .isEqualTo(404);
            assertThat(countRolesWithId(id)).isZero();
        }

        @Test
        void roleHeldByStaffIs409UntilForced() {
            String name = "Patient Presenter " + unique();
            long id = createRole(admin.token(), name, "staff:read").get("id").asLong();
            Member presenter = staffWith(organization, name, "member");

            ApiResponse refused =
                    api.delete(ROLES + "/" + id).token(admin.token()).send();

            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.json().get("detail").asString()).contains("force=true");
            assertThat(countRolesWithId(id)).isEqualTo(1);
            assertThat(staffRoleCount(id)).isEqualTo(1);
            assertThat(api.get("/api/v1/me").token(presenter.token()).send().status())
                    .isEqualTo(200);

            ApiResponse forced = api.delete(ROLES + "/" + id + "?force=true")
                    .token(admin.token())
                    .send();

            assertThat(forced.status()).as(forced.body()).isEqualTo(204);
            assertThat(countRolesWithId(id)).isZero();
            assertThat(staffRoleCount(id)).isZero();
            JsonNode staff = api.get("/api/v1/staffs/" + presenter.id())
                    .token(admin.token())
                    .send()
                    .json();
            assertThat(strings(staff.get("roles"))).containsExactly("member");
            assertThat(api.get("/api/v1/me").token(presenter.token()).send().status())
                    .isEqualTo(401);
            String fresh = login(presenter.email(), PASSWORD);
            assertThat(strings(api.get("/api/v1/me").token(fresh).send().json().get("permissions")))
                    .containsExactlyInAnyOrderElementsOf(BUILT_IN.get("member"));
        }

        @Test
        void roleHeldByAnApiKeyIs409UntilForced() {
            String name = "Integration " + unique();
            long id = createRole(admin.token(), name, "staff:read").get("id").asLong();
            ApiResponse minted = api.post("/api/v1/api-keys")
                    .token(admin.token())
                    .json(Map.of("name", "POS " + unique(), "roles", List.of(name)))
                    .send();
            assertThat(minted.status()).as(minted.body()).isEqualTo(201);
            long keyId = minted.json().get("id").asLong();

            ApiResponse refused =
                    api.delete(ROLES + "/" + id).token(admin.token()).send();

            assertThat(refused.status()).isEqualTo(409);
            assertThat(countRolesWithId(id)).isEqualTo(1);

            ApiResponse forced = api.delete(ROLES + "/" + id + "?force=true")
                    .token(admin.token())
                    .send();

            assertThat(forced.status()).as(forced.body()).isEqualTo(204);
            assertThat(countRolesWithId(id)).isZero();
            assertThat(jdbc.sql("select count(*) from api_key_roles where api_key_id = :id")
                            .param("id", keyId)
                            .query(Long.class)
                            .single())
                    .isZero();
            ApiResponse key =
                    api.get("/api/v1/api-keys/" + keyId).token(admin.token()).send();
            assertThat(strings(key.json().get("roles"))).isEmpty();
            assertThat(api.get("/api/v1/staffs/")
                            .header("X-Api-Key", minted.json().get("key").asString())
                            .send()
                            .status())
                    .isEqualTo(403);
        }

        @Test
        void forceDeletingAnUnassignedRoleAlsoWorks() {
            long id = createRole(admin.token(), "Provider " + unique(), "staff:read")
                    .get("id")
                    .asLong();

            assertThat(api.delete(ROLES + "/" + id + "?force=true")
                            .token(admin.token())
                            .send()
                            .status())
                    .isEqualTo(204);
            assertThat(countRolesWithId(id)).isZero();
        }
    }

    /** A logged-in staff member holding these roles (names may contain spaces, unlike email prefixes). */
    private Member staffWith(long organizationId, String... roles) {
        String email = uniqueEmail("holder");
        JsonNode staff = createStaff(Map.of(
                "organization",
                organizationId,
                "first_name",
                "Role",
                "last_name",
                "Holder " + unique(),
                "email",
                email,
                "roles",
                List.of(roles),
                "password",
                PASSWORD));
        return new Member(staff.get("id").asLong(), email, login(email, PASSWORD));
    }

    private JsonNode createRole(String token, String name, String... permissions) {
        return api.post(ROLES)
                .token(token)
                .json(Map.of("name", name, "permissions", List.of(permissions)))
                .send()
                .json(201);
    }

    private long builtInId(String name) {
        return jdbc.sql("select id from roles where is_built_in and name = :name")
                .param("name", name)
                .query(Long.class)
                .single();
    }

    private Map<String, Object> roleRow(long id) {
        return new HashMap<>(
                jdbc.sql("select organization_id, name, description, is_built_in from roles where id = :id")
                        .param("id", id)
                        .query()
                        .singleRow());
    }

    private List<String> permissionsInDatabase(long id) {
        return jdbc.sql("select p from roles r cross join unnest(r.permissions) p where r.id = :id")
                .param("id", id)
                .query(String.class)
                .list();
    }

    private long countRolesNamed(String name) {
        return jdbc.sql("select count(*) from roles where lower(name) = lower(:name)")
                .param("name", name)
                .query(Long.class)
                .single();
    }

    private long countRolesWithId(long id) {
        return jdbc.sql("select count(*) from roles where id = :id")
                .param("id", id)
                .query(Long.class)
                .single();
    }

    private long staffRoleCount(long roleId) {
        return jdbc.sql("select count(*) from staff_roles where role_id = :id")
                .param("id", roleId)
                .query(Long.class)
                .single();
    }
}
