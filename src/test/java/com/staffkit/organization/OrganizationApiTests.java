package com.staffkit.organization;

import static com.staffkit.support.Json.errorFields;
import static com.staffkit.support.Json.ids;
import static com.staffkit.support.Json.strings;
import static org.assertj.core.api.Assertions.assertThat;

import com.staffkit.support.Api;
import com.staffkit.support.ApiResponse;
import com.staffkit.support.IntegrationTest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/v1/organizations}: the franchisor and franchisee tree. Every test builds a tree of its
 * own through the API: a root (franchisor) created by the superadmin, two children (siblings) and a
 * grandchild under the first child, all created by the root's owner.
 */
class OrganizationApiTests extends IntegrationTest {

    private static final String ORGANIZATIONS = "/api/v1/organizations";

    private static final List<String> REPRESENTATION_FIELDS =
            List.of("id", "name", "slug", "parent", "is_active", "created_at", "modified_at");

    private String marker;
    private long root;
    private Member rootOwner;
    private long child;
    private long sibling;
    private long grandchild;

    @BeforeEach
    void aTreeOfOrganizations() {
        marker = "Tree" + unique().replace("-", "");
        root = createOrganization(superadminToken(), Map.of("name", marker + " Franchisor"))
                .get("id")
                .asLong();
        rootOwner = member(root, "owner");
        child = createOrganization(rootOwner.token(), Map.of("name", marker + " Kadikoy", "parent", root))
                .get("id")
                .asLong();
        sibling = createOrganization(rootOwner.token(), Map.of("name", marker + " Besiktas", "parent", root))
                .get("id")
                .asLong();
        grandchild = createOrganization(rootOwner.token(), Map.of("name", marker + " Moda", "parent", child))
                .get("id")
                .asLong();
    }

    @Nested
    class Create {

        @Test
        void aSuperadminCreatesATopLevelOrganizationWithItsServiceUser() {
            String suffix = unique();
            ApiResponse response = api.post(ORGANIZATIONS)
                    .token(superadminToken())
                    .json(Map.of("name", "  Acme Kadıköy " + suffix + " "))
                    .send();

            assertThat(response.status()).as(response.body()).isEqualTo(201);
            JsonNode body = response.json();
            assertThat(body.propertyNames()).containsExactlyInAnyOrderElementsOf(REPRESENTATION_FIELDS);
            long id = body.get("id").asLong();
            assertThat(response.header("Location")).matches(".*/api/v1/organizations/" + id + "/?$");
            assertThat(body.get("name").asString()).isEqualTo("Acme Kadıköy " + suffix);
            assertThat(body.get("slug").asString()).isEqualTo("acme-kadikoy-" + suffix);
            assertThat(body.get("parent").isNull()).isTrue();
            assertThat(body.get("is_active").asBoolean()).isTrue();
            assertThat(Instant.parse(body.get("created_at").asString()))
                    .isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(5));
            assertThat(Instant.parse(body.get("modified_at").asString())).isNotNull();

            Map<String, Object> row = organizationRow(id);
            assertThat(row)
                    .containsEntry("name", "Acme Kadıköy " + suffix)
                    .containsEntry("slug", "acme-kadikoy-" + suffix)
                    .containsEntry("path", id + "/")
                    .containsEntry("is_active", true);
            assertThat(row.get("parent_id")).isNull();

            ApiResponse fetched =
                    api.get(ORGANIZATIONS + "/" + id).token(superadminToken()).send();
            assertThat(fetched.status()).isEqualTo(200);
            assertThat(fetched.json()).isEqualTo(body);

            ApiResponse bot = api.get("/api/v1/staffs/service-user?organization=" + id)
                    .token(superadminToken())
                    .send();
            assertThat(bot.status()).as(bot.body()).isEqualTo(200);
            assertThat(bot.json().get("organization").asLong()).isEqualTo(id);
            assertThat(strings(bot.json().get("roles"))).containsExactly("worker");
            assertThat(jdbc.sql("select count(*) from staff where organization_id = :id and is_service_user")
                            .param("id", id)
                            .query(Long.class)
                            .single())
                    .isEqualTo(1);
        }

        @Test
        void anOwnerCreatesChildrenAtAnyDepthUnderOrganizationsItSees() {
            JsonNode greatGrandchild = createOrganization(
                    rootOwner.token(),
                    Map.of("name", marker + " Deep", "slug", "deep-" + unique(), "parent", grandchild));
            long deep = greatGrandchild.get("id").asLong();
            Member childOwner = member(child, "owner");
            JsonNode byChildOwner =
                    createOrganization(childOwner.token(), Map.of("name", marker + " Kiosk", "parent", deep));

            assertThat(greatGrandchild.get("parent").asLong()).isEqualTo(grandchild);
            assertThat(byChildOwner.get("parent").asLong()).isEqualTo(deep);
            assertThat(organizationRow(child))
                    .containsEntry("parent_id", root)
                    .containsEntry("path", root + "/" + child + "/");
            assertThat(organizationRow(grandchild))
                    .containsEntry("parent_id", child)
                    .containsEntry("path", root + "/" + child + "/" + grandchild + "/");
            assertThat(organizationRow(deep))
                    .containsEntry("path", root + "/" + child + "/" + grandchild + "/" + deep + "/");
            long kiosk = byChildOwner.get("id").asLong();
            assertThat(organizationRow(kiosk))
                    .containsEntry("path", organizationRow(deep).get("path") + "" + kiosk + "/");

            for (long organization : List.of(child, sibling, grandchild, deep, kiosk)) {
                ApiResponse bot = api.get("/api/v1/staffs/service-user?organization=" + organization)
                        .token(superadminToken())
                        .send();
                assertThat(bot.status()).as(bot.body()).isEqualTo(200);
                assertThat(bot.json().get("organization").asLong()).isEqualTo(organization);
                assertThat(strings(bot.json().get("roles"))).containsExactly("worker");
            }
            ApiResponse ownView = api.get("/api/v1/staffs/service-user?organization=" + kiosk)
                    .token(rootOwner.token())
                    .send();
            assertThat(ownView.status()).isEqualTo(200);
        }

        @Test
        void aGivenSlugIsKeptAndADuplicateIs409NamingSlugAndCreatesNothing() {
            String slug = "franchise-" + unique();
            JsonNode created =
                    createOrganization(rootOwner.token(), Map.of("name", "Slugged", "slug", slug, "parent", root));
            assertThat(created.get("slug").asString()).isEqualTo(slug);

            String name = marker + " Duplicate";
            ApiResponse duplicate = api.post(ORGANIZATIONS)
                    .token(rootOwner.token())
                    .json(Map.of("name", name, "slug", slug, "parent", root))
                    .send();

            assertThat(duplicate.status()).as(duplicate.body()).isEqualTo(409);
            assertThat(errorFields(duplicate)).containsExactly("slug");
            assertThat(organizationsNamed(name)).isZero();
            assertThat(jdbc.sql("select count(*) from staff where username = :username")
                            .param("username", "service-" + slug)
                            .query(Long.class)
                            .single())
                    .isEqualTo(1);
        }

        @Test
        void aSlugFreedByARenameCanBeTakenAgainAndTheNewOrganizationGetsItsOwnServiceUser() {
            String slug = "reused-" + unique();
            long first = createOrganization(
                            rootOwner.token(), Map.of("name", marker + " First", "slug", slug, "parent", root))
                    .get("id")
                    .asLong();
            ApiResponse renamed = api.patch(ORGANIZATIONS + "/" + first)
                    .token(rootOwner.token())
                    .json(Map.of("slug", slug + "-old"))
                    .send();
            assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);

            ApiResponse second = api.post(ORGANIZATIONS)
                    .token(rootOwner.token())
                    .json(Map.of("name", marker + " Second", "slug", slug, "parent", root))
                    .send();

            assertThat(second.status()).as(second.body()).isEqualTo(201);
            long id = second.json().get("id").asLong();
            assertThat(second.json().get("slug").asString()).isEqualTo(slug);
            assertThat(serviceUsersOf(first)).isEqualTo(1);
            assertThat(serviceUsersOf(id)).isEqualTo(1);
            ApiResponse bot = api.get("/api/v1/staffs/service-user?organization=" + id)
                    .token(superadminToken())
                    .send();
            assertThat(bot.status()).as(bot.body()).isEqualTo(200);
            assertThat(bot.json().get("organization").asLong()).isEqualTo(id);
        }

        @Test
        void aStaffUsernameThatLooksLikeAServiceUserNeverBlocksCreatingAnOrganization() {
            String slug = "lookalike-" + unique();
            createStaff(Map.of(
                    "organization",
                    root,
                    "first_name",
                    "Look",
                    "last_name",
                    "Alike",
                    "email",
                    uniqueEmail("lookalike"),
                    "username",
                    "service-" + slug));

            ApiResponse created = api.post(ORGANIZATIONS)
                    .token(rootOwner.token())
                    .json(Map.of("name", marker + " Lookalike", "slug", slug, "parent", root))
                    .send();

            assertThat(created.status()).as(created.body()).isEqualTo(201);
            assertThat(serviceUsersOf(created.json().get("id").asLong())).isEqualTo(1);
        }

        @Test
        void anInvalidSlugOrAMissingNameIs400NamingTheField() {
            String name = marker + " Invalid";
            ApiResponse badSlug = api.post(ORGANIZATIONS)
                    .token(rootOwner.token())
                    .json(Map.of("name", name, "slug", "Not A Slug", "parent", root))
                    .send();
            ApiResponse noName = api.post(ORGANIZATIONS)
                    .token(rootOwner.token())
                    .json(Map.of("slug", "nameless-" + unique(), "parent", root))
                    .send();

            assertThat(badSlug.status()).isEqualTo(400);
            assertThat(errorFields(badSlug)).containsExactly("slug");
            assertThat(noName.status()).isEqualTo(400);
            assertThat(errorFields(noName)).containsExactly("name");
            assertThat(organizationsNamed(name)).isZero();
        }

        @Test
        void onlyASuperadminCreatesTopLevelAndAdminsCannotCreateAtAll() {
            Member rootAdmin = member(root, "admin");
            String name = marker + " Refused";

            ApiResponse adminChild = api.post(ORGANIZATIONS)
                    .token(rootAdmin.token())
                    .json(Map.of("name", name, "parent", root))
                    .send();
            ApiResponse ownerTopLevel = api.post(ORGANIZATIONS)
                    .token(rootOwner.token())
                    .json(Map.of("name", name))
                    .send();
            ApiResponse memberChild = api.post(ORGANIZATIONS)
                    .token(member(root, "member").token())
                    .json(Map.of("name", name, "parent", root))
                    .send();

            assertThat(adminChild.status()).as(adminChild.body()).isEqualTo(403);
            assertThat(ownerTopLevel.status()).as(ownerTopLevel.body()).isEqualTo(403);
            assertThat(memberChild.status()).as(memberChild.body()).isEqualTo(403);
            assertThat(organizationsNamed(name)).isZero();
        }

        @Test
        void anOwnerCannotCreateUnderAnOrganizationItDoesNotSee() {
            Member childOwner = member(child, "owner");
            String name = marker + " Sideways";

            ApiResponse upward = api.post(ORGANIZATIONS)
                    .token(childOwner.token())
                    .json(Map.of("name", name, "parent", root))
                    .send();
            ApiResponse sideways = api.post(ORGANIZATIONS)
                    .token(childOwner.token())
                    .json(Map.of("name", name, "parent", sibling))
                    .send();

            for (ApiResponse response : List.of(upward, sideways)) {
                assertThat(response.status()).as(response.body()).isEqualTo(400);
                assertThat(errorFields(response)).containsExactly("parent");
            }
            assertThat(organizationsNamed(name)).isZero();
        }
    }

    @Nested
    class Visibility {

        @Test
        void aParentSeesItselfAndAllItsDescendants() {
            assertThat(ids(list(rootOwner.token(), "page_size=1000")))
                    .containsExactly(root, child, sibling, grandchild);
            for (long organization : List.of(root, child, sibling, grandchild)) {
                ApiResponse response = api.get(ORGANIZATIONS + "/" + organization)
                        .token(rootOwner.token())
                        .send();
                assertThat(response.status()).as(response.body()).isEqualTo(200);
            }
            JsonNode fetchedChild = organization(rootOwner.token(), grandchild);
            assertThat(fetchedChild.get("parent").asLong()).isEqualTo(child);
        }

        @Test
        void aChildNeverSeesItsParentOrItsSiblings() {
            Member childAdmin = member(child, "admin");

            assertThat(ids(list(childAdmin.token(), "page_size=1000"))).containsExactly(child, grandchild);
            ApiResponse parent = api.get(ORGANIZATIONS + "/" + root)
                    .token(childAdmin.token())
                    .send();
            ApiResponse side = api.get(ORGANIZATIONS + "/" + sibling)
                    .token(childAdmin.token())
                    .send();
            ApiResponse missing = api.get(ORGANIZATIONS + "/999999999")
                    .token(childAdmin.token())
                    .send();
            assertThat(parent.status()).isEqualTo(404);
            assertThat(side.status()).isEqualTo(404);
            assertThat(missing.status()).isEqualTo(404);
            assertThat(parent.json().get("title")).isEqualTo(missing.json().get("title"));
            assertThat(parent.body()).doesNotContain(marker);
            assertThat(ids(list(childAdmin.token(), "search=" + marker))).containsExactly(child, grandchild);

            Member grandchildOwner = member(grandchild, "owner");
            assertThat(ids(list(grandchildOwner.token(), ""))).containsExactly(grandchild);
            assertThat(status(api.get(ORGANIZATIONS + "/" + child).token(grandchildOwner.token())))
                    .isEqualTo(404);
        }

        @Test
        void aChildOwnerCannotChangeItsParentOrItsSiblings() {
            Member childOwner = member(child, "owner");

            assertThat(status(api.patch(ORGANIZATIONS + "/" + root)
                            .token(childOwner.token())
                            .json(Map.of("name", "Taken over"))))
                    .isEqualTo(404);
            assertThat(status(api.patch(ORGANIZATIONS + "/" + sibling)
                            .token(childOwner.token())
                            .json(Map.of("is_active", false))))
                    .isEqualTo(404);
            assertThat(status(api.delete(ORGANIZATIONS + "/" + sibling).token(childOwner.token())))
                    .isEqualTo(404);
            assertThat(status(api.delete(ORGANIZATIONS + "/" + root).token(childOwner.token())))
                    .isEqualTo(404);

            assertThat(organizationRow(root))
                    .containsEntry("name", marker + " Franchisor")
                    .containsEntry("is_active", true);
            assertThat(organizationRow(sibling)).containsEntry("is_active", true);
        }

        @Test
        void listFiltersByParentActiveStateAndSearchAndIsPaginated() {
            assertThat(status(api.delete(ORGANIZATIONS + "/" + sibling).token(rootOwner.token())))
                    .isEqualTo(204);

            assertThat(ids(list(rootOwner.token(), "parent=" + root))).containsExactly(child, sibling);
            assertThat(ids(list(rootOwner.token(), "parent=" + child))).containsExactly(grandchild);
            assertThat(ids(list(rootOwner.token(), "is_active=false"))).containsExactly(sibling);
            assertThat(ids(list(rootOwner.token(), "is_active=true"))).containsExactly(root, child, grandchild);
            assertThat(ids(list(rootOwner.token(), "search=" + "kadIKOY"))).containsExactly(child);
            assertThat(ids(list(rootOwner.token(), "search=moda"))).containsExactly(grandchild);

            JsonNode page1 = list(rootOwner.token(), "page_size=3");
            assertThat(page1.get("count").asLong()).isEqualTo(4);
            assertThat(ids(page1)).containsExactly(root, child, sibling);
            assertThat(page1.get("next").asString()).contains("page=2");
            JsonNode page2 = list(rootOwner.token(), "page_size=3&page=2");
            assertThat(ids(page2)).containsExactly(grandchild);
            assertThat(page2.get("next").isNull()).isTrue();
        }

        @Test
        void aSuperadminSeesEveryOrganization() {
            assertThat(ids(list(superadminToken(), "search=" + marker)))
                    .containsExactly(root, child, sibling, grandchild);
            assertThat(organization(superadminToken(), grandchild).get("parent").asLong())
                    .isEqualTo(child);
        }
    }

    @Nested
    class ParentManagesDescendants {

        private Member rootAdmin;
        private Member childAdmin;
        private Member siblingAdmin;

        @BeforeEach
        void adminsAcrossTheTree() {
            rootAdmin = member(root, "admin");
            childAdmin = member(child, "admin");
            siblingAdmin = member(sibling, "admin");
        }

        @Test
        void aParentAdminManagesTheStaffOfItsDescendants() {
            String surname = "Franchisee" + unique().replace("-", "");
            ApiResponse created = api.post("/api/v1/staffs/")
                    .token(rootAdmin.token())
                    .json(Map.of(
                            "organization",
                            grandchild,
                            "first_name",
                            "Franchisee",
                            "last_name",
                            surname,
                            "email",
                            uniqueEmail("franchisee")))
                    .send();
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            long staff = created.json().get("id").asLong();
            assertThat(created.json().get("organization").asLong()).isEqualTo(grandchild);
            assertThat(staffOrganization(staff)).isEqualTo(grandchild);

            JsonNode listed = staffList(rootAdmin.token(), "organization=" + grandchild + "&search=" + surname);
            assertThat(ids(listed)).containsExactly(staff);
            ApiResponse patched = api.patch("/api/v1/staffs/" + staff)
                    .token(rootAdmin.token())
                    .json(Map.of("job_title", "Franchise lead"))
                    .send();
            assertThat(patched.status()).as(patched.body()).isEqualTo(200);
            assertThat(jdbc.sql("select job_title from staff where id = :id")
                            .param("id", staff)
                            .query(String.class)
                            .single())
                    .isEqualTo("Franchise lead");

            assertThat(status(api.get("/api/v1/staffs/" + staff).token(childAdmin.token())))
                    .isEqualTo(200);
            assertThat(status(api.get("/api/v1/staffs/" + staff).token(siblingAdmin.token())))
                    .isEqualTo(404);
            assertThat(staffList(siblingAdmin.token(), "search=" + surname)
                            .get("count")
                            .asLong())
                    .isZero();
            assertThat(status(api.get("/api/v1/staffs/" + rootAdmin.id()).token(childAdmin.token())))
                    .isEqualTo(404);
            assertThat(status(api.patch("/api/v1/staffs/" + rootAdmin.id())
                            .token(childAdmin.token())
                            .json(Map.of("job_title", "Hacked"))))
                    .isEqualTo(404);
        }

        @Test
        void aParentAdminManagesTheStoresOfItsDescendants() {
            ApiResponse created = api.post("/api/v1/stores")
                    .token(rootAdmin.token())
                    .json(Map.of("organization", child, "name", marker + " Store", "remote_id", "franchise-1"))
                    .send();
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            long store = created.json().get("id").asLong();
            assertThat(created.json().get("organization").asLong()).isEqualTo(child);
            assertThat(jdbc.sql("select organization_id from stores where id = :id")
                            .param("id", store)
                            .query(Long.class)
                            .single())
                    .isEqualTo(child);

            ApiResponse listed = api.get("/api/v1/stores?organization=" + child)
                    .token(rootAdmin.token())
                    .send();
            assertThat(ids(listed.json())).containsExactly(store);
            ApiResponse rootOnly = api.get("/api/v1/stores?organization=" + root)
                    .token(rootAdmin.token())
                    .send();
            assertThat(ids(rootOnly.json())).doesNotContain(store);
            assertThat(status(api.patch("/api/v1/stores/" + store)
                            .token(rootAdmin.token())
                            .json(Map.of("name", marker + " Store Renamed"))))
                    .isEqualTo(200);

            assertThat(status(api.get("/api/v1/stores/" + store).token(childAdmin.token())))
                    .isEqualTo(200);
            assertThat(status(api.get("/api/v1/stores/" + store).token(siblingAdmin.token())))
                    .isEqualTo(404);
            assertThat(status(api.delete("/api/v1/stores/" + store).token(siblingAdmin.token())))
                    .isEqualTo(404);
            assertThat(status(api.delete("/api/v1/stores/" + store).token(rootAdmin.token())))
                    .isEqualTo(204);
            assertThat(jdbc.sql("select name || ':' || is_active from stores where id = :id")
                            .param("id", store)
                            .query(String.class)
                            .single())
                    .isEqualTo(marker + " Store Renamed:false");

            // remote_id is unique per organization: the parent may reuse its child's.
            ApiResponse parentStore = api.post("/api/v1/stores")
                    .token(rootAdmin.token())
                    .json(Map.of("name", marker + " Flagship", "remote_id", "franchise-1"))
                    .send();
            assertThat(parentStore.status()).as(parentStore.body()).isEqualTo(201);
            assertThat(parentStore.json().get("organization").asLong()).isEqualTo(root);
        }

        @Test
        void aParentAdminManagesTheTeamsOfItsDescendants() {
            ApiResponse created = api.post("/api/teams")
                    .token(rootAdmin.token())
                    .json(Map.of("organization", child, "name", marker + " Team"))
                    .send();
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            long team = created.json().get("id").asLong();
            assertThat(created.json().get("organization").asLong()).isEqualTo(child);

            ApiResponse listed = api.get("/api/teams?organization=" + child)
                    .token(rootAdmin.token())
                    .send();
            assertThat(ids(listed.json())).containsExactly(team);
            assertThat(status(api.patch("/api/teams/" + team)
                            .token(rootAdmin.token())
                            .json(Map.of("description", "Run by the franchisor"))))
                    .isEqualTo(200);
            assertThat(status(api.get("/api/teams/" + team).token(childAdmin.token())))
                    .isEqualTo(200);
            assertThat(status(api.get("/api/teams/" + team).token(siblingAdmin.token())))
                    .isEqualTo(404);
            assertThat(jdbc.sql("select organization_id from teams where id = :id")
                            .param("id", team)
                            .query(Long.class)
                            .single())
                    .isEqualTo(child);
        }

        @Test
        void aDescendantsStaffIsAssignedOnlyStoresOfItsOwnOrganization() {
            long parentStore = storeIn(root, marker + " Parent store");
            long childStore = storeIn(child, marker + " Child store");
            String email = uniqueEmail("assigned");

            ApiResponse refused = api.post("/api/v1/staffs/")
                    .token(rootAdmin.token())
                    .json(Map.of(
                            "organization",
                            child,
                            "first_name",
                            "Mixed",
                            "last_name",
                            "Stores",
                            "email",
                            email,
                            "retail_stores",
                            List.of(childStore, parentStore)))
                    .send();
            assertThat(refused.status()).as(refused.body()).isEqualTo(400);
            assertThat(errorFields(refused)).containsExactly("retail_stores");
            assertThat(refused.json().get("errors").get(0).get("message").asString())
                    .contains(String.valueOf(parentStore));
            assertThat(jdbc.sql("select count(*) from staff where email = :email")
                            .param("email", email)
                            .query(Long.class)
                            .single())
                    .isZero();

            ApiResponse created = api.post("/api/v1/staffs/")
                    .token(rootAdmin.token())
                    .json(Map.of(
                            "organization",
                            child,
                            "first_name",
                            "Child",
                            "last_name",
                            "Stores",
                            "email",
                            email,
                            "retail_stores",
                            List.of(childStore)))
                    .send();
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            long staff = created.json().get("id").asLong();
            ApiResponse assignParent = api.put("/api/v1/staffs/" + staff + "/stores/" + parentStore)
                    .token(rootAdmin.token())
                    .send();
            assertThat(assignParent.status()).as(assignParent.body()).isEqualTo(400);
            assertThat(errorFields(assignParent)).containsExactly("retail_stores");
            assertThat(jdbc.sql("select store_id from staff_stores where staff_id = :id")
                            .param("id", staff)
                            .query(Long.class)
                            .list())
                    .containsExactly(childStore);
        }

        private long storeIn(long organization, String name) {
            ApiResponse response = api.post("/api/v1/stores")
                    .token(rootAdmin.token())
                    .json(Map.of("organization", organization, "name", name))
                    .send();
            assertThat(response.status()).as(response.body()).isEqualTo(201);
            return response.json().get("id").asLong();
        }

        @Test
        void aChildAdminCannotCreateAnythingInItsParentOrSibling() {
            String name = marker + " Upward";
            for (long target : List.of(root, sibling)) {
                ApiResponse staff = api.post("/api/v1/staffs/")
                        .token(childAdmin.token())
                        .json(Map.of(
                                "organization",
                                target,
                                "first_name",
                                "Up",
                                "last_name",
                                name,
                                "email",
                                uniqueEmail("up")))
                        .send();
                ApiResponse store = api.post("/api/v1/stores")
                        .token(childAdmin.token())
                        .json(Map.of("organization", target, "name", name))
                        .send();
                ApiResponse team = api.post("/api/teams")
                        .token(childAdmin.token())
                        .json(Map.of("organization", target, "name", name))
                        .send();
                for (ApiResponse response : List.of(staff, store, team)) {
                    assertThat(response.status()).as(response.body()).isEqualTo(400);
                    assertThat(errorFields(response)).containsExactly("organization");
                }
            }
            assertThat(jdbc.sql("select (select count(*) from staff where last_name = :name)"
                                    + " + (select count(*) from stores where name = :name)"
                                    + " + (select count(*) from teams where name = :name)")
                            .param("name", name)
                            .query(Long.class)
                            .single())
                    .isZero();
        }
    }

    @Nested
    class Update {

        @Test
        void patchRenamesAndChangesTheSlug() {
            JsonNode before = organization(rootOwner.token(), child);
            String slug = "renamed-" + unique();

            ApiResponse response = api.patch(ORGANIZATIONS + "/" + child)
                    .token(rootOwner.token())
                    .json(Map.of("name", marker + " Renamed", "slug", slug))
                    .send();

            assertThat(response.status()).as(response.body()).isEqualTo(200);
            JsonNode body = response.json();
            assertThat(body.get("name").asString()).isEqualTo(marker + " Renamed");
            assertThat(body.get("slug").asString()).isEqualTo(slug);
            assertThat(body.get("parent").asLong()).isEqualTo(root);
            assertThat(body.get("is_active").asBoolean()).isTrue();
            assertThat(body.get("created_at")).isEqualTo(before.get("created_at"));
            assertThat(Instant.parse(body.get("modified_at").asString()))
                    .isAfter(Instant.parse(before.get("modified_at").asString()));
            assertThat(organizationRow(child))
                    .containsEntry("name", marker + " Renamed")
                    .containsEntry("slug", slug)
                    .containsEntry("parent_id", root);
        }

        @Test
        void patchToATakenSlugIs409AndAnInvalidOneIs400AndNeitherChangesAnything() {
            String childSlug =
                    organization(rootOwner.token(), child).get("slug").asString();
            String siblingSlug =
                    organization(rootOwner.token(), sibling).get("slug").asString();

            ApiResponse taken = api.patch(ORGANIZATIONS + "/" + child)
                    .token(rootOwner.token())
                    .json(Map.of("slug", siblingSlug, "name", "Should not stick"))
                    .send();
            ApiResponse invalid = api.patch(ORGANIZATIONS + "/" + child)
                    .token(rootOwner.token())
                    .json(Map.of("slug", "-bad-", "name", "Should not stick"))
                    .send();
            ApiResponse blankName = api.patch(ORGANIZATIONS + "/" + child)
                    .token(rootOwner.token())
                    .json(Map.of("name", " "))
                    .send();

            assertThat(taken.status()).as(taken.body()).isEqualTo(409);
            assertThat(errorFields(taken)).containsExactly("slug");
            assertThat(invalid.status()).isEqualTo(400);
            assertThat(errorFields(invalid)).containsExactly("slug");
            assertThat(blankName.status()).isEqualTo(400);
            assertThat(errorFields(blankName)).containsExactly("name");
            assertThat(organizationRow(child))
                    .containsEntry("slug", childSlug)
                    .containsEntry("name", marker + " Kadikoy");
        }
    }

    @Nested
    class Deactivation {

        private String staffEmail;
        private long staffId;
        private String accessToken;
        private String refreshToken;
        private String apiKey;
        private long apiKeyId;

        /** A logged-in staff member of the child and an API key of the child, both working. */
        @BeforeEach
        void aWorkingChild() {
            staffEmail = uniqueEmail("franchisee");
            staffId = createStaff(Map.of(
                            "organization", child,
                            "first_name", "Franchisee",
                            "last_name", marker,
                            "email", staffEmail,
                            "roles", List.of("member"),
                            "password", PASSWORD))
                    .get("id")
                    .asLong();
            ApiResponse login = loginResponse(staffEmail, PASSWORD);
            assertThat(login.status()).isEqualTo(200);
            accessToken = login.json().get("access_token").asString();
            refreshToken = login.json().get("refresh_token").asString();

            Member childAdmin = member(child, "admin");
            ApiResponse key = api.post("/api/v1/api-keys")
                    .token(childAdmin.token())
                    .json(Map.of("name", "POS " + unique(), "roles", List.of("member")))
                    .send();
            assertThat(key.status()).as(key.body()).isEqualTo(201);
            apiKey = key.json().get("key").asString();
            apiKeyId = key.json().get("id").asLong();

            assertThat(status(api.get("/api/v1/me").token(accessToken))).isEqualTo(200);
            assertThat(status(api.get("/api/v1/staffs/").header("X-Api-Key", apiKey)))
                    .isEqualTo(200);
        }

        @Test
        void deactivatingCutsOffLoginsTokensAndApiKeysAndDeletesNothing() {
            ApiResponse deleted = api.delete(ORGANIZATIONS + "/" + child)
                    .token(rootOwner.token())
                    .send();

            assertThat(deleted.status()).as(deleted.body()).isEqualTo(204);
            assertThat(organizationRow(child)).containsEntry("is_active", false);
            assertThat(organization(rootOwner.token(), child).get("is_active").asBoolean())
                    .isFalse();

            ApiResponse login = loginResponse(staffEmail, PASSWORD);
            ApiResponse wrongPassword = loginResponse(rootOwner.email(), "not-the-password-at-all");
            assertThat(login.status()).isEqualTo(401);
            assertThat(login.json().get("type")).isEqualTo(wrongPassword.json().get("type"));
            assertThat(login.json().get("title")).isEqualTo(wrongPassword.json().get("title"));
            assertThat(login.json().get("detail"))
                    .isEqualTo(wrongPassword.json().get("detail"));
            assertThat(login.body()).doesNotContain("access_token");

            assertThat(status(api.get("/api/v1/me").token(accessToken))).isEqualTo(401);
            assertThat(status(api.post("/api/v1/auth/refresh").json(Map.of("refresh_token", refreshToken))))
                    .isEqualTo(401);
            assertThat(status(api.get("/api/v1/staffs/").header("X-Api-Key", apiKey)))
                    .isEqualTo(401);

            assertThat(jdbc.sql("select is_active from staff where id = :id")
                            .param("id", staffId)
                            .query(Boolean.class)
                            .single())
                    .isTrue();
            assertThat(jdbc.sql("select count(*) from api_keys where id = :id and revoked_at is null")
                            .param("id", apiKeyId)
                            .query(Long.class)
                            .single())
                    .isEqualTo(1);
            assertThat(organizationRow(grandchild)).containsEntry("is_active", true);
            // The parent is untouched: its owner still logs in.
            assertThat(loginResponse(rootOwner.email(), PASSWORD).status()).isEqualTo(200);
        }

        @Test
        void reactivatingRestoresLoginsAndApiKeys() {
            assertThat(status(api.delete(ORGANIZATIONS + "/" + child).token(rootOwner.token())))
                    .isEqualTo(204);
            assertThat(loginResponse(staffEmail, PASSWORD).status()).isEqualTo(401);

            ApiResponse reactivated = api.patch(ORGANIZATIONS + "/" + child)
                    .token(rootOwner.token())
                    .json(Map.of("is_active", true))
                    .send();

            assertThat(reactivated.status()).as(reactivated.body()).isEqualTo(200);
            assertThat(reactivated.json().get("is_active").asBoolean()).isTrue();
            assertThat(organizationRow(child)).containsEntry("is_active", true);
            ApiResponse login = loginResponse(staffEmail, PASSWORD);
            assertThat(login.status()).as(login.body()).isEqualTo(200);
            assertThat(status(api.get("/api/v1/me")
                            .token(login.json().get("access_token").asString())))
                    .isEqualTo(200);
            assertThat(status(api.get("/api/v1/staffs/").header("X-Api-Key", apiKey)))
                    .isEqualTo(200);
        }

        @Test
        void patchingIsActiveFalseDeactivatesLikeDelete() {
            ApiResponse patched = api.patch(ORGANIZATIONS + "/" + child)
                    .token(rootOwner.token())
                    .json(Map.of("is_active", false))
                    .send();

            assertThat(patched.status()).as(patched.body()).isEqualTo(200);
            assertThat(patched.json().get("is_active").asBoolean()).isFalse();
            assertThat(organizationRow(child)).containsEntry("is_active", false);
            assertThat(loginResponse(staffEmail, PASSWORD).status()).isEqualTo(401);
            assertThat(status(api.get("/api/v1/staffs/").header("X-Api-Key", apiKey)))
                    .isEqualTo(401);
        }

        @Test
        void deactivatingYourOwnOrganizationIs403() {
            Member childOwner = member(child, "owner");

            ApiResponse delete = api.delete(ORGANIZATIONS + "/" + child)
                    .token(childOwner.token())
                    .send();
            ApiResponse patch = api.patch(ORGANIZATIONS + "/" + child)
                    .token(childOwner.token())
                    .json(Map.of("is_active", false))
                    .send();

            assertThat(delete.status()).as(delete.body()).isEqualTo(403);
            assertThat(patch.status()).as(patch.body()).isEqualTo(403);
            assertThat(organizationRow(child)).containsEntry("is_active", true);
            assertThat(loginResponse(staffEmail, PASSWORD).status()).isEqualTo(200);

            // The owner may deactivate a descendant of its own organization.
            assertThat(status(api.delete(ORGANIZATIONS + "/" + grandchild).token(childOwner.token())))
                    .isEqualTo(204);
            assertThat(organizationRow(grandchild)).containsEntry("is_active", false);
        }

        @Test
        void anAdminCannotDeactivateOrganizations() {
            Member rootAdmin = member(root, "admin");

            assertThat(status(api.delete(ORGANIZATIONS + "/" + child).token(rootAdmin.token())))
                    .isEqualTo(403);
            assertThat(status(api.patch(ORGANIZATIONS + "/" + child)
                            .token(rootAdmin.token())
                            .json(Map.of("is_active", false))))
                    .isEqualTo(403);
            assertThat(organizationRow(child)).containsEntry("is_active", true);
        }
    }

    // --- helpers -------------------------------------------------------------------------------

    private JsonNode createOrganization(String token, Map<String, Object> fields) {
        return api.post(ORGANIZATIONS).token(token).json(fields).send().json(201);
    }

    private JsonNode organization(String token, long id) {
        return api.get(ORGANIZATIONS + "/" + id).token(token).send().json(200);
    }

    private JsonNode list(String token, String query) {
        return api.get(ORGANIZATIONS + "?" + query).token(token).send().json(200);
    }

    private JsonNode staffList(String token, String query) {
        return api.get("/api/v1/staffs/?" + query).token(token).send().json(200);
    }

    private ApiResponse loginResponse(String username, String password) {
        return api.post("/api/v1/auth/login")
                .json(Map.of("username", username, "password", password))
                .send();
    }

    private static int status(Api.Request request) {
        return request.send().status();
    }

    private Map<String, Object> organizationRow(long id) {
        return jdbc.sql("select name, slug, parent_id, path, is_active from organizations where id = :id")
                .param("id", id)
                .query()
                .singleRow();
    }

    private long organizationsNamed(String name) {
        return jdbc.sql("select count(*) from organizations where name = :name")
                .param("name", name)
                .query(Long.class)
                .single();
    }

    private long serviceUsersOf(long organization) {
        return jdbc.sql("select count(*) from staff where organization_id = :id and is_service_user")
                .param("id", organization)
                .query(Long.class)
                .single();
    }

    private long staffOrganization(long staff) {
        return jdbc.sql("select organization_id from staff where id = :id")
                .param("id", staff)
                .query(Long.class)
                .single();
    }
}
