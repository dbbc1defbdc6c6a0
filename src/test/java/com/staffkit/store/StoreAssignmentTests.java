package com.staffkit.store;

import static com.staffkit.support.Json.errorFields;
import static com.staffkit.support.Json.ids;
import static org.assertj.core.api.Assertions.assertThat;

import com.staffkit.support.Api;
import com.staffkit.support.ApiResponse;
import com.staffkit.support.IntegrationTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Staff and stores together: {@code retail_stores} on staff, assigning one store, the store filter
 * and a store's staff list, store-scoped managers, full store access and the current store.
 */
class StoreAssignmentTests extends IntegrationTest {

    private static final String STAFFS = "/api/v1/staffs/";
    private static final String STORES = "/api/v1/stores";
    private static final List<String> SUMMARY_FIELDS = List.of("id", "name", "remote_id", "is_active");

    private long organization;
    private Member admin;
    private long storeA;
    private long storeB;
    private long storeC;

    @BeforeEach
    void anOrganizationWithThreeStores() {
        organization = newOrganization("Assign Retail");
        admin = member(organization, "admin");
        storeA = newStore("Store A", "a-" + unique());
        storeB = newStore("Store B", "b-" + unique());
        storeC = newStore("Store C", null);
    }

    @Nested
    class RetailStores {

        @Test
        void createTakesStoreIdsAndAnswersWithStoreSummaries() {
            JsonNode staff = createStaff(staffFields(List.of(storeB, storeA)));

            JsonNode stores = staff.get("retail_stores");
            assertThat(stores.isArray()).isTrue();
            assertThat(storeIds(stores)).containsExactlyInAnyOrder(storeA, storeB);
            for (JsonNode summary : stores) {
                assertThat(summary.propertyNames()).containsExactlyInAnyOrderElementsOf(SUMMARY_FIELDS);
                JsonNode store = store(summary.get("id").asLong());
                assertThat(summary.get("name")).isEqualTo(store.get("name"));
                assertThat(summary.get("remote_id")).isEqualTo(store.get("remote_id"));
                assertThat(summary.get("is_active").asBoolean()).isTrue();
            }
            long id = staff.get("id").asLong();
            assertThat(assignedStores(id)).containsExactly(storeA, storeB);
            assertThat(jdbc.sql("select distinct organization_id from staff_stores where staff_id = :id")
                            .param("id", id)
                            .query(Long.class)
                            .list())
                    .containsExactly(organization);

            JsonNode noRemote = createStaff(staffFields(List.of(storeC)));
            assertThat(noRemote.get("retail_stores").get(0).get("remote_id").isNull())
                    .isTrue();
            assertThat(createStaff(staffFields(null)).get("retail_stores")).isEmpty();
        }

        @Test
        void patchReplacesTheWholeListAndAnEmptyListClearsIt() {
            long id =
                    createStaff(staffFields(List.of(storeA, storeB))).get("id").asLong();

            ApiResponse replaced = patchStaff(admin.token(), id, Map.of("retail_stores", List.of(storeB, storeC)));
            assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
            assertThat(storeIds(replaced.json().get("retail_stores"))).containsExactlyInAnyOrder(storeB, storeC);
            assertThat(assignedStores(id)).containsExactly(storeB, storeC);

            ApiResponse unrelated = patchStaff(admin.token(), id, Map.of("job_title", "Cashier"));
            assertThat(unrelated.status()).isEqualTo(200);
            assertThat(assignedStores(id)).containsExactly(storeB, storeC);

            ApiResponse cleared = patchStaff(admin.token(), id, Map.of("retail_stores", List.of()));
            assertThat(cleared.status()).isEqualTo(200);
            assertThat(cleared.json().get("retail_stores")).isEmpty();
            assertThat(assignedStores(id)).isEmpty();
        }

        @Test
        void putSetsTheListAndAPutWithoutItClearsIt() {
            JsonNode staff = createStaff(staffFields(List.of(storeA)));
            long id = staff.get("id").asLong();
            Map<String, Object> replacement = new HashMap<>(Map.of(
                    "first_name", "Put",
                    "last_name", "Replaced",
                    "email", staff.get("email").asString()));
            replacement.put("retail_stores", List.of(storeB, storeC));

            ApiResponse withStores =
                    api.put(STAFFS + id).token(admin.token()).json(replacement).send();
            assertThat(withStores.status()).as(withStores.body()).isEqualTo(200);
            assertThat(storeIds(withStores.json().get("retail_stores"))).containsExactlyInAnyOrder(storeB, storeC);
            assertThat(assignedStores(id)).containsExactly(storeB, storeC);

            replacement.remove("retail_stores");
            ApiResponse withoutStores =
                    api.put(STAFFS + id).token(admin.token()).json(replacement).send();
            assertThat(withoutStores.status()).as(withoutStores.body()).isEqualTo(200);
            assertThat(withoutStores.json().get("retail_stores")).isEmpty();
            assertThat(assignedStores(id)).isEmpty();
        }

        @Test
        void aStoreOfAnotherOrganizationOrAnUnknownStoreIs400NamingTheIdsAndChangesNothing() {
            long otherOrganization = newOrganization("Other Assign");
            long foreign = newStoreIn(otherOrganization, "Foreign");
            long missing = 999_999_999L;
            long id = createStaff(staffFields(List.of(storeA))).get("id").asLong();

            Map<String, Object> fields = staffFields(List.of(storeA, foreign));
            ApiResponse onCreate =
                    api.post(STAFFS).token(admin.token()).json(fields).send();
            ApiResponse onPatch =
                    patchStaff(admin.token(), id, Map.of("retail_stores", List.of(storeB, foreign, missing)));
            ApiResponse onAssign = api.put(STAFFS + id + "/stores/" + foreign)
                    .token(admin.token())
                    .send();

            for (ApiResponse response : List.of(onCreate, onPatch, onAssign)) {
                assertThat(response.status()).as(response.body()).isEqualTo(400);
                assertThat(errorFields(response)).containsExactly("retail_stores");
                assertThat(response.json().get("errors").get(0).get("message").asString())
                        .contains(String.valueOf(foreign));
            }
            assertThat(onPatch.json().get("errors").get(0).get("message").asString())
                    .contains(String.valueOf(missing))
                    .doesNotContain(String.valueOf(storeB));
            assertThat(staffWithEmail(fields.get("email").toString())).isZero();
            assertThat(assignedStores(id)).containsExactly(storeA);
        }

        @Test
        void aDeactivatedStoreCannotBeNewlyAssignedButAnExistingAssignmentStays() {
            long keeper =
                    createStaff(staffFields(List.of(storeA, storeB))).get("id").asLong();
            long newcomer = createStaff(staffFields(List.of(storeA))).get("id").asLong();
            assertThat(status(api.delete(STORES + "/" + storeB).token(admin.token())))
                    .isEqualTo(204);

            ApiResponse create = api.post(STAFFS)
                    .token(admin.token())
                    .json(staffFields(List.of(storeB)))
                    .send();
            ApiResponse patch = patchStaff(admin.token(), newcomer, Map.of("retail_stores", List.of(storeA, storeB)));
            ApiResponse assign = api.put(STAFFS + newcomer + "/stores/" + storeB)
                    .token(admin.token())
                    .send();
            for (ApiResponse response : List.of(create, patch, assign)) {
                assertThat(response.status()).as(response.body()).isEqualTo(400);
                assertThat(errorFields(response)).containsExactly("retail_stores");
                assertThat(response.json().get("errors").get(0).get("message").asString())
                        .contains(String.valueOf(storeB));
            }
            assertThat(assignedStores(newcomer)).containsExactly(storeA);

            ApiResponse kept = patchStaff(admin.token(), keeper, Map.of("job_title", "Still here"));
            assertThat(kept.status()).as(kept.body()).isEqualTo(200);
            JsonNode inactive = summary(kept.json(), storeB);
            assertThat(inactive.get("is_active").asBoolean()).isFalse();
            assertThat(summary(kept.json(), storeA).get("is_active").asBoolean())
                    .isTrue();
            assertThat(assignedStores(keeper)).containsExactly(storeA, storeB);
        }

        @Test
        void assigningAndUnassigningOneStoreAre204AndIdempotent() {
            long id = createStaff(staffFields(List.of(storeA))).get("id").asLong();

            for (int i = 0; i < 2; i++) {
                ApiResponse assigned = api.put(STAFFS + id + "/stores/" + storeB)
                        .token(admin.token())
                        .send();
                assertThat(assigned.status()).as(assigned.body()).isEqualTo(204);
                assertThat(assigned.body()).isEmpty();
                assertThat(assignedStores(id)).containsExactly(storeA, storeB);
            }
            assertThat(storeIds(staff(admin.token(), id).get("retail_stores")))
                    .containsExactlyInAnyOrder(storeA, storeB);

            for (int i = 0; i < 2; i++) {
                ApiResponse unassigned = api.delete(STAFFS + id + "/stores/" + storeA)
                        .token(admin.token())
                        .send();
                assertThat(unassigned.status()).as(unassigned.body()).isEqualTo(204);
                assertThat(assignedStores(id)).containsExactly(storeB);
            }
            assertThat(storeIds(staff(admin.token(), id).get("retail_stores"))).containsExactly(storeB);
        }

        @Test
        void assigningToAnotherOrganizationsStaffIs404() {
            long otherOrganization = newOrganization("Other Staff Org");
            long foreignStaff = createStaff(Map.of(
                            "organization",
                            otherOrganization,
                            "first_name",
                            "Far",
                            "last_name",
                            "Away",
                            "email",
                            uniqueEmail("far")))
                    .get("id")
                    .asLong();

            assertThat(status(
                            api.put(STAFFS + foreignStaff + "/stores/" + storeA).token(admin.token())))
                    .isEqualTo(404);
            assertThat(status(api.delete(STAFFS + foreignStaff + "/stores/" + storeA)
                            .token(admin.token())))
                    .isEqualTo(404);
            assertThat(assignedStores(foreignStaff)).isEmpty();
        }
    }

    @Nested
    class Listing {

        @Test
        void theStoreAndRoleFilterFollowsRoleAndStoreChanges() {
            String surname = "Rolefilter" + unique().replace("-", "");
            Map<String, Object> fields = named(surname, List.of(storeA));
            fields.put("roles", List.of("member"));
            long id = createStaff(fields).get("id").asLong();
            String managersOfA = "store=" + storeA + "&role=manager&search=" + surname;
            String managersOfB = "store=" + storeB + "&role=manager&search=" + surname;
            assertThat(ids(staffList(admin.token(), managersOfA))).isEmpty();
            assertThat(ids(staffList(admin.token(), "store=" + storeA + "&role=member&search=" + surname)))
                    .containsExactly(id);

            assertThat(patchStaff(admin.token(), id, Map.of("roles", List.of("member", "manager")))
                            .status())
                    .isEqualTo(200);
            assertThat(ids(staffList(admin.token(), managersOfA))).containsExactly(id);

            assertThat(patchStaff(admin.token(), id, Map.of("retail_stores", List.of(storeA, storeB)))
                            .status())
                    .isEqualTo(200);
            assertThat(ids(staffList(admin.token(), managersOfB))).containsExactly(id);

            assertThat(patchStaff(admin.token(), id, Map.of("roles", List.of("member")))
                            .status())
                    .isEqualTo(200);
            assertThat(ids(staffList(admin.token(), managersOfA))).isEmpty();
            assertThat(ids(staffList(admin.token(), managersOfB))).isEmpty();
            assertThat(jdbc.sql("""
                            select count(*) from staff_stores ss
                            where ss.staff_id = :id and ss.role_ids = array(
                                select sr.role_id from staff_roles sr where sr.staff_id = :id order by sr.role_id)""").param("id", id).query(Long.class).single())
                    .as("both assignments carry the current role ids")
                    .isEqualTo(2);

            // A row updated in place (not through the API) refreshes the copy too.
            jdbc.sql("""
                            update staff_roles set role_id = (select id from roles where is_built_in and name = 'manager')
                            where staff_id = :id""").param("id", id).update();
            assertThat(ids(staffList(admin.token(), managersOfB))).containsExactly(id);

            jdbc.sql("delete from staff where id = :id").param("id", id).update();
            assertThat(jdbc.sql("select count(*) from staff_stores where staff_id = :id")
                            .param("id", id)
                            .query(Long.class)
                            .single())
                    .isZero();
        }

        @Test
        void theStoreFilterListsOnlyThatStoresStaff() {
            String surname = "Filter" + unique().replace("-", "");
            long inA = createStaff(named(surname, List.of(storeA))).get("id").asLong();
            long inBoth = createStaff(named(surname, List.of(storeA, storeB)))
                    .get("id")
                    .asLong();
            long inB = createStaff(named(surname, List.of(storeB))).get("id").asLong();
            createStaff(named(surname, null));

            assertThat(ids(staffList(admin.token(), "store=" + storeA + "&search=" + surname)))
                    .containsExactly(inA, inBoth);
            assertThat(ids(staffList(admin.token(), "store=" + storeB + "&search=" + surname)))
                    .containsExactly(inBoth, inB);
            assertThat(staffList(admin.token(), "store=" + storeC + "&search=" + surname)
                            .get("count")
                            .asLong())
                    .isZero();
        }

        @Test
        void aStoresStaffListIsPaginatedAndShowsItsActiveStaff() {
            long first = createStaff(staffFields(List.of(storeC))).get("id").asLong();
            long second =
                    createStaff(staffFields(List.of(storeC, storeA))).get("id").asLong();
            long third = createStaff(staffFields(List.of(storeC))).get("id").asLong();
            createStaff(staffFields(List.of(storeA)));
            assertThat(status(api.delete(STAFFS + third).token(admin.token()))).isEqualTo(204);

            JsonNode page1 = storeStaff(admin.token(), storeC, "page_size=1");
            assertThat(page1.get("count").asLong()).isEqualTo(2);
            assertThat(ids(page1)).containsExactly(first);
            assertThat(page1.get("next").asString()).contains("page=2");
            JsonNode page2 = storeStaff(admin.token(), storeC, "page_size=1&page=2");
            assertThat(ids(page2)).containsExactly(second);
            assertThat(page2.get("next").isNull()).isTrue();
            JsonNode row = page2.get("results").get(0);
            assertThat(storeIds(row.get("retail_stores"))).containsExactlyInAnyOrder(storeA, storeC);

            assertThat(ids(storeStaff(admin.token(), storeC, "include_inactive=true")))
                    .containsExactly(first, second, third);
        }

        @Test
        void anUnknownOrForeignStoresStaffListIs404() {
            long foreign = newStoreIn(newOrganization("Foreign List"), "Foreign");

            assertThat(status(api.get(STORES + "/" + foreign + "/staff").token(admin.token())))
                    .isEqualTo(404);
            assertThat(status(api.get(STORES + "/999999999/staff").token(admin.token())))
                    .isEqualTo(404);
        }
    }

    @Nested
    class FullStoreAccess {

        @Test
        void ownersAndAdminsAlwaysShowFullStoreAccessAndOthersShowTheirFlag() {
            for (String role : List.of("owner", "admin")) {
                Map<String, Object> fields = staffFields(List.of(storeA));
                fields.put("roles", List.of(role));
                fields.put("full_store_access", false);
                JsonNode staff = createStaff(fields);
                assertThat(staff.get("full_store_access").asBoolean()).as(role).isTrue();
                assertThat(staff(admin.token(), staff.get("id").asLong())
                                .get("full_store_access")
                                .asBoolean())
                        .as(role)
                        .isTrue();
            }
            assertThat(me(superadminToken()).get("full_store_access").asBoolean())
                    .isTrue();
            JsonNode plain = createStaff(staffFields(List.of(storeA)));
            assertThat(plain.get("full_store_access").asBoolean()).isFalse();

            Map<String, Object> flagged = staffFields(null);
            flagged.put("full_store_access", true);
            JsonNode full = createStaff(flagged);
            assertThat(full.get("full_store_access").asBoolean()).isTrue();
            assertThat(jdbc.sql("select full_store_access from staff where id = :id")
                            .param("id", full.get("id").asLong())
                            .query(Boolean.class)
                            .single())
                    .isTrue();
        }
    }

    @Nested
    class StoreScopedManager {

        private Member scoped;
        private long shared;
        private long outsider;

        @BeforeEach
        void aManagerOfStoreA() {
            scoped = scopedManager(List.of(storeA));
            shared = createStaff(staffFields(List.of(storeA, storeB))).get("id").asLong();
            outsider = createStaff(staffFields(List.of(storeB))).get("id").asLong();
        }

        @Test
        void seesOnlyStaffWhoShareAStoreWithIt() {
            long unassigned = createStaff(staffFields(null)).get("id").asLong();

            assertThat(status(api.get(STAFFS + shared).token(scoped.token()))).isEqualTo(200);
            assertThat(status(api.get(STAFFS + outsider).token(scoped.token()))).isEqualTo(404);
            assertThat(status(api.get(STAFFS + unassigned).token(scoped.token())))
                    .isEqualTo(404);
            String outsiderEmail = staff(admin.token(), outsider).get("email").asString();
            String sharedEmail = staff(admin.token(), shared).get("email").asString();
            assertThat(status(api.get(STAFFS + "lookup?email=" + outsiderEmail).token(scoped.token())))
                    .isEqualTo(404);
            assertThat(status(api.get(STAFFS + "lookup?email=" + sharedEmail).token(scoped.token())))
                    .isEqualTo(200);
            assertThat(staffList(scoped.token(), "email=" + outsiderEmail)
                            .get("count")
                            .asLong())
                    .isZero();

            List<Long> listed = ids(staffList(scoped.token(), "page_size=1000"));
            assertThat(listed).contains(shared, scoped.id()).doesNotContain(outsider, unassigned);
            assertThat(ids(staffList(scoped.token(), "store=" + storeB))).containsExactly(shared);
            assertThat(ids(storeStaff(scoped.token(), storeB, ""))).containsExactly(shared);
            assertThat(ids(staffList(admin.token(), "store=" + storeB))).containsExactly(shared, outsider);

            JsonNode me = me(scoped.token());
            assertThat(me.get("full_store_access").asBoolean()).isFalse();
            assertThat(storeIds(me.get("retail_stores"))).containsExactly(storeA);
        }

        @Test
        void aSearchFindsOnlyStaffWhoShareAStoreWithIt() {
            String surname = "Scopedsearch" + unique().replace("-", "");
            long inStore = createStaff(named(surname + " In", List.of(storeA)))
                    .get("id")
                    .asLong();
            long elsewhere = createStaff(named(surname + " Out", List.of(storeB)))
                    .get("id")
                    .asLong();

            JsonNode scopedSearch = staffList(scoped.token(), "search=" + surname);
            JsonNode adminSearch = staffList(admin.token(), "search=" + surname);

            assertThat(ids(scopedSearch)).containsExactly(inStore);
            assertThat(scopedSearch.get("count").asLong()).isEqualTo(1);
            assertThat(ids(adminSearch)).containsExactly(inStore, elsewhere);
        }

        @Test
        void staffOutsideItsStoresAre404ForChangesAndStayUnchanged() {
            Member withDeactivate = scopedManagerWithDeactivate(List.of(storeA));

            ApiResponse patch = patchStaff(scoped.token(), outsider, Map.of("job_title", "Hacked"));
            ApiResponse put = api.put(STAFFS + outsider)
                    .token(scoped.token())
                    .json(Map.of("first_name", "Hacked", "last_name", "Name", "email", uniqueEmail("x")))
                    .send();
            ApiResponse assign = api.put(STAFFS + outsider + "/stores/" + storeA)
                    .token(scoped.token())
                    .send();
            ApiResponse unassign = api.delete(STAFFS + outsider + "/stores/" + storeB)
                    .token(scoped.token())
                    .send();
            ApiResponse deactivate =
                    api.delete(STAFFS + outsider).token(withDeactivate.token()).send();

            for (ApiResponse response : List.of(patch, put, assign, unassign, deactivate)) {
                assertThat(response.status()).as(response.body()).isEqualTo(404);
            }
            Map<String, Object> row = jdbc.sql("select job_title, first_name, is_active from staff where id = :id")
                    .param("id", outsider)
                    .query()
                    .singleRow();
            assertThat(row.get("job_title")).isNull();
            assertThat(row).containsEntry("first_name", "Assigned").containsEntry("is_active", true);
            assertThat(assignedStores(outsider)).containsExactly(storeB);

            assertThat(status(api.delete(STAFFS + shared).token(withDeactivate.token())))
                    .isEqualTo(204);
        }

        @Test
        void changesStaffItSharesAStoreWith() {
            ApiResponse patch = patchStaff(scoped.token(), shared, Map.of("job_title", "Shift lead"));

            assertThat(patch.status()).as(patch.body()).isEqualTo(200);
            assertThat(patch.json().get("job_title").asString()).isEqualTo("Shift lead");
            assertThat(storeIds(patch.json().get("retail_stores"))).containsExactlyInAnyOrder(storeA, storeB);
            assertThat(jdbc.sql("select job_title from staff where id = :id")
                            .param("id", shared)
                            .query(String.class)
                            .single())
                    .isEqualTo("Shift lead");
            assertThat(assignedStores(shared)).containsExactly(storeA, storeB);
        }

        @Test
        void assignsAndUnassignsOnlyItsOwnStores() {
            long onlyA = createStaff(staffFields(List.of(storeA))).get("id").asLong();

            ApiResponse assignB = api.put(STAFFS + onlyA + "/stores/" + storeB)
                    .token(scoped.token())
                    .send();
            ApiResponse patchAddB = patchStaff(scoped.token(), onlyA, Map.of("retail_stores", List.of(storeA, storeB)));
            ApiResponse unassignB = api.delete(STAFFS + shared + "/stores/" + storeB)
                    .token(scoped.token())
                    .send();
            ApiResponse patchDropB = patchStaff(scoped.token(), shared, Map.of("retail_stores", List.of(storeA)));
            for (ApiResponse response : List.of(assignB, patchAddB, unassignB, patchDropB)) {
                assertThat(response.status()).as(response.body()).isEqualTo(403);
            }
            assertThat(assignedStores(onlyA)).containsExactly(storeA);
            assertThat(assignedStores(shared)).containsExactly(storeA, storeB);

            ApiResponse assignA = api.put(STAFFS + onlyA + "/stores/" + storeA)
                    .token(scoped.token())
                    .send();
            assertThat(assignA.status()).as(assignA.body()).isEqualTo(204);
            ApiResponse unassignA = api.delete(STAFFS + shared + "/stores/" + storeA)
                    .token(scoped.token())
                    .send();
            assertThat(unassignA.status()).as(unassignA.body()).isEqualTo(204);
            assertThat(assignedStores(shared)).containsExactly(storeB);
            // Without a shared store the staff member is out of the manager's sight.
            assertThat(status(api.get(STAFFS + shared).token(scoped.token()))).isEqualTo(404);
        }

        @Test
        void mustAssignAtLeastOneOfItsStoresWhenCreatingStaff() {
            Map<String, Object> none = staffFields(null);
            Map<String, Object> empty = staffFields(List.of());
            Map<String, Object> foreignOnly = staffFields(List.of(storeB));
            Map<String, Object> mixed = staffFields(List.of(storeA, storeB));
            Map<String, Object> own = staffFields(List.of(storeA));

            ApiResponse withoutStores =
                    api.post(STAFFS).token(scoped.token()).json(none).send();
            ApiResponse withEmptyList =
                    api.post(STAFFS).token(scoped.token()).json(empty).send();
            ApiResponse withOtherStore =
                    api.post(STAFFS).token(scoped.token()).json(foreignOnly).send();

            for (ApiResponse response : List.of(withoutStores, withEmptyList)) {
                assertThat(response.status()).as(response.body()).isEqualTo(400);
                assertThat(errorFields(response)).containsExactly("retail_stores");
            }
            ApiResponse withMixedStores =
                    api.post(STAFFS).token(scoped.token()).json(mixed).send();
            assertThat(withOtherStore.status()).as(withOtherStore.body()).isEqualTo(403);
            assertThat(withMixedStores.status()).as(withMixedStores.body()).isEqualTo(403);
            for (Map<String, Object> refused : List.of(none, empty, foreignOnly, mixed)) {
                assertThat(staffWithEmail(refused.get("email").toString())).isZero();
            }

            ApiResponse created =
                    api.post(STAFFS).token(scoped.token()).json(own).send();
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            long id = created.json().get("id").asLong();
            assertThat(storeIds(created.json().get("retail_stores"))).containsExactly(storeA);
            assertThat(created.json().get("organization").asLong()).isEqualTo(organization);
            assertThat(assignedStores(id)).containsExactly(storeA);
            assertThat(status(api.get(STAFFS + id).token(scoped.token()))).isEqualTo(200);
        }

        @Test
        void aManagerWithFullStoreAccessSeesAndAssignsEveryStore() {
            Member full = member(organization, "manager");

            assertThat(status(api.get(STAFFS + outsider).token(full.token()))).isEqualTo(200);
            assertThat(status(api.put(STAFFS + outsider + "/stores/" + storeC).token(full.token())))
                    .isEqualTo(204);
            assertThat(assignedStores(outsider)).containsExactly(storeB, storeC);
            assertThat(me(full.token()).get("full_store_access").asBoolean()).isTrue();
        }
    }

    @Nested
    class CurrentStore {

        @Test
        void loggingInWithAnAssignedStoreMakesItTheCurrentStore() {
            Credentials staff = loginable(List.of(storeA, storeB), false);

            ApiResponse login = loginAt(staff.email(), storeB);

            assertThat(login.status()).as(login.body()).isEqualTo(200);
            String token = login.json().get("access_token").asString();
            JsonNode current = me(token).get("current_store");
            assertThat(current.propertyNames()).containsExactlyInAnyOrderElementsOf(SUMMARY_FIELDS);
            assertThat(current.get("id").asLong()).isEqualTo(storeB);
            assertThat(current.get("name").asString()).isEqualTo("Store B");
            assertThat(current.get("is_active").asBoolean()).isTrue();
            assertThat(currentStore(staff.id())).isEqualTo(storeB);
            assertThat(staff(admin.token(), staff.id())
                            .get("current_store")
                            .get("id")
                            .asLong())
                    .isEqualTo(storeB);

            ApiResponse plain = loginAt(staff.email(), null);
            assertThat(plain.status()).isEqualTo(200);
            assertThat(currentStore(staff.id()))
                    .as("a login without store keeps it")
                    .isEqualTo(storeB);
        }

        @Test
        void aStoreTheStaffMayNotWorkAtIs400NamingStoreAndIssuesNoTokens() {
            Credentials staff = loginable(List.of(storeA, storeB), false);
            long foreign = newStoreIn(newOrganization("Foreign Login"), "Foreign");
            assertThat(status(api.delete(STORES + "/" + storeB).token(admin.token())))
                    .isEqualTo(204);

            for (long store : List.of(storeC, foreign, storeB, 999_999_999L)) {
                ApiResponse response = loginAt(staff.email(), store);
                assertThat(response.status()).as(store + " " + response.body()).isEqualTo(400);
                assertThat(errorFields(response)).as(String.valueOf(store)).containsExactly("store");
                assertThat(response.body()).doesNotContain("access_token").doesNotContain("refresh_token");
            }
            assertThat(tokensOf(staff.id())).isZero();
            assertThat(currentStore(staff.id())).isNull();
        }

        @Test
        void fullStoreAccessAllowsAnyActiveStoreOfTheOrganizationButNoOther() {
            Credentials flagged = loginable(List.of(), true);
            String adminEmail = uniqueEmail("admin");
            Map<String, Object> adminFields = staffFields(null);
            adminFields.put("email", adminEmail);
            adminFields.put("roles", List.of("admin"));
            adminFields.put("password", PASSWORD);
            long adminId = createStaff(adminFields).get("id").asLong();
            long foreign = newStoreIn(newOrganization("Foreign Full"), "Foreign");

            assertThat(loginAt(flagged.email(), storeC).status()).isEqualTo(200);
            assertThat(currentStore(flagged.id())).isEqualTo(storeC);
            assertThat(loginAt(adminEmail, storeA).status()).isEqualTo(200);
            assertThat(currentStore(adminId)).isEqualTo(storeA);

            assertThat(status(api.delete(STORES + "/" + storeB).token(admin.token())))
                    .isEqualTo(204);
            for (long refused : List.of(foreign, storeB)) {
                ApiResponse response = loginAt(adminEmail, refused);
                assertThat(response.status()).as(response.body()).isEqualTo(400);
                assertThat(errorFields(response)).containsExactly("store");
            }
            assertThat(currentStore(adminId)).isEqualTo(storeA);
        }

        @Test
        void switchingAnswersWithTheMeRepresentationAndClearingIs204() {
            Credentials staff = loginable(List.of(storeA, storeB), false);
            String token = loginToken(staff.email());

            ApiResponse switched = api.post("/api/v1/me/current-store")
                    .token(token)
                    .json(Map.of("store", storeA))
                    .send();
            assertThat(switched.status()).as(switched.body()).isEqualTo(200);
            JsonNode body = switched.json();
            assertThat(body.get("id").asLong()).isEqualTo(staff.id());
            assertThat(body.has("permissions")).isTrue();
            assertThat(body.get("current_store").get("id").asLong()).isEqualTo(storeA);
            assertThat(body.get("current_store").get("remote_id").asString())
                    .isEqualTo(store(storeA).get("remote_id").asString());
            assertThat(currentStore(staff.id())).isEqualTo(storeA);

            ApiResponse refused = api.post("/api/v1/me/current-store")
                    .token(token)
                    .json(Map.of("store", storeC))
                    .send();
            assertThat(refused.status()).as(refused.body()).isEqualTo(400);
            assertThat(errorFields(refused)).containsExactly("store");
            assertThat(currentStore(staff.id())).isEqualTo(storeA);

            ApiResponse cleared =
                    api.delete("/api/v1/me/current-store").token(token).send();
            assertThat(cleared.status()).isEqualTo(204);
            assertThat(currentStore(staff.id())).isNull();
            assertThat(me(token).get("current_store").isNull()).isTrue();
        }

        @Test
        void unassigningTheCurrentStoreClearsItForStaffWithoutFullAccess() {
            Credentials byOne = loginable(List.of(storeA, storeB), false);
            Credentials byList = loginable(List.of(storeA, storeB), false);
            Credentials full = loginable(List.of(storeA, storeB), true);
            for (Credentials staff : List.of(byOne, byList, full)) {
                assertThat(loginAt(staff.email(), storeA).status()).isEqualTo(200);
                assertThat(currentStore(staff.id())).isEqualTo(storeA);
            }

            assertThat(status(api.delete(STAFFS + byOne.id() + "/stores/" + storeA)
                            .token(admin.token())))
                    .isEqualTo(204);
            ApiResponse patched = patchStaff(admin.token(), byList.id(), Map.of("retail_stores", List.of(storeB)));
            assertThat(patched.status()).isEqualTo(200);
            assertThat(patched.json().get("current_store").isNull()).isTrue();
            assertThat(status(
                            api.delete(STAFFS + full.id() + "/stores/" + storeA).token(admin.token())))
                    .isEqualTo(204);

            assertThat(currentStore(byOne.id())).isNull();
            assertThat(staff(admin.token(), byOne.id()).get("current_store").isNull())
                    .isTrue();
            assertThat(currentStore(byList.id())).isNull();
            assertThat(currentStore(full.id())).isEqualTo(storeA);
            assertThat(staff(admin.token(), full.id())
                            .get("current_store")
                            .get("id")
                            .asLong())
                    .isEqualTo(storeA);
        }

        @Test
        void unassigningAnotherStoreKeepsTheCurrentOne() {
            Credentials staff = loginable(List.of(storeA, storeB), false);
            assertThat(loginAt(staff.email(), storeA).status()).isEqualTo(200);

            assertThat(status(api.delete(STAFFS + staff.id() + "/stores/" + storeB)
                            .token(admin.token())))
                    .isEqualTo(204);

            assertThat(currentStore(staff.id())).isEqualTo(storeA);
        }
    }

    // --- helpers -------------------------------------------------------------------------------

    private record Credentials(long id, String email) {}

    private long newStore(String name, String remoteId) {
        return newStoreIn(organization, name, remoteId);
    }

    private long newStoreIn(long organizationId, String name) {
        return newStoreIn(organizationId, name, null);
    }

    private long newStoreIn(long organizationId, String name, String remoteId) {
        Map<String, Object> fields = new HashMap<>();
        fields.put("organization", organizationId);
        fields.put("name", name);
        if (remoteId != null) {
            fields.put("remote_id", remoteId);
        }
        ApiResponse response =
                api.post(STORES).token(superadminToken()).json(fields).send();
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("id").asLong();
    }

    private JsonNode store(long id) {
        return api.get(STORES + "/" + id).token(admin.token()).send().json(200);
    }

    /** Fields of a new staff member of the organization, with these stores (null: the key is absent). */
    private Map<String, Object> staffFields(List<Long> stores) {
        return named("Assigned " + unique(), stores);
    }

    private Map<String, Object> named(String lastName, List<Long> stores) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("organization", organization);
        fields.put("first_name", "Assigned");
        fields.put("last_name", lastName);
        fields.put("email", uniqueEmail("assigned"));
        if (stores != null) {
            fields.put("retail_stores", stores);
        }
        return fields;
    }

    /** A member with a password and these stores; not logged in. */
    private Credentials loginable(List<Long> stores, boolean fullStoreAccess) {
        Map<String, Object> fields = staffFields(stores);
        fields.put("password", PASSWORD);
        fields.put("full_store_access", fullStoreAccess);
        JsonNode staff = createStaff(fields);
        return new Credentials(staff.get("id").asLong(), fields.get("email").toString());
    }

    /** A built-in manager without full store access, assigned to these stores, logged in. */
    private Member scopedManager(List<Long> stores) {
        return scopedManagerWithRoles(stores, List.of("manager"));
    }

    /** A store-scoped manager that also holds staff:deactivate through a custom role. */
    private Member scopedManagerWithDeactivate(List<Long> stores) {
        String roleName = "deactivator-" + unique();
        ApiResponse role = api.post("/api/v1/roles")
                .token(admin.token())
                .json(Map.of("name", roleName, "permissions", List.of("staff:read", "staff:deactivate")))
                .send();
        assertThat(role.status()).as(role.body()).isEqualTo(201);
        return scopedManagerWithRoles(stores, List.of("manager", roleName));
    }

    private Member scopedManagerWithRoles(List<Long> stores, List<String> roles) {
        String email = uniqueEmail("scoped");
        Map<String, Object> fields = staffFields(stores);
        fields.put("email", email);
        fields.put("roles", roles);
        fields.put("retail_stores", stores);
        fields.put("full_store_access", false);
        fields.put("password", PASSWORD);
        JsonNode staff = createStaff(fields);
        assertThat(staff.get("full_store_access").asBoolean()).isFalse();
        return new Member(staff.get("id").asLong(), email, login(email, PASSWORD));
    }

    private ApiResponse loginAt(String email, Long store) {
        Map<String, Object> body = new HashMap<>(Map.of("username", email, "password", PASSWORD));
        if (store != null) {
            body.put("store", store);
        }
        return api.post("/api/v1/auth/login").json(body).send();
    }

    private String loginToken(String email) {
        ApiResponse response = loginAt(email, null);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().get("access_token").asString();
    }

    private JsonNode me(String token) {
        return api.get("/api/v1/me").token(token).send().json(200);
    }

    private JsonNode staff(String token, long id) {
        return api.get(STAFFS + id).token(token).send().json(200);
    }

    private ApiResponse patchStaff(String token, long id, Map<String, Object> patch) {
        return api.patch(STAFFS + id).token(token).json(patch).send();
    }

    private JsonNode staffList(String token, String query) {
        return api.get(STAFFS + "?" + query).token(token).send().json(200);
    }

    private JsonNode storeStaff(String token, long store, String query) {
        ApiResponse response =
                api.get(STORES + "/" + store + "/staff?" + query).token(token).send();
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static JsonNode summary(JsonNode staff, long store) {
        for (JsonNode summary : staff.get("retail_stores")) {
            if (summary.get("id").asLong() == store) {
                return summary;
            }
        }
        throw new AssertionError("store " + store + " not in " + staff.get("retail_stores"));
    }

    private static int status(Api.Request request) {
        return request.send().status();
    }

    private static List<Long> storeIds(JsonNode summaries) {
        List<Long> ids = new ArrayList<>();
        summaries.forEach(summary -> ids.add(summary.get("id").asLong()));
        return ids;
    }

    private List<Long> assignedStores(long staff) {
        return jdbc.sql("select store_id from staff_stores where staff_id = :id order by store_id")
                .param("id", staff)
                .query(Long.class)
                .list();
    }

    private Long currentStore(long staff) {
        return jdbc.sql("select current_store_id from staff where id = :id")
                .param("id", staff)
                .query((rs, row) -> rs.getObject(1, Long.class))
                .list()
                .getFirst();
    }

    private long tokensOf(long staff) {
        return jdbc.sql("select (select count(*) from access_tokens where staff_id = :id)"
                        + " + (select count(*) from refresh_tokens where staff_id = :id)")
                .param("id", staff)
                .query(Long.class)
                .single();
    }

    private long staffWithEmail(String email) {
        return jdbc.sql("select count(*) from staff where lower(email) = lower(:email)")
                .param("email", email)
                .query(Long.class)
                .single();
    }
}
