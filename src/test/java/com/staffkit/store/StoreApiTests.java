package com.staffkit.store;

import static com.staffkit.support.Json.errorFields;
import static com.staffkit.support.Json.ids;
import static org.assertj.core.api.Assertions.assertThat;

import com.staffkit.support.Api;
import com.staffkit.support.ApiResponse;
import com.staffkit.support.IntegrationTest;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/v1/stores}: CRUD with the staff conventions, filters, validation, remote_id uniqueness
 * per organization and tenant isolation. Every test works in an organization of its own.
 */
class StoreApiTests extends IntegrationTest {

    private static final String STORES = "/api/v1/stores";

    private static final List<String> REPRESENTATION_FIELDS = List.of(
            "id",
            "organization",
            "name",
            "email",
            "phone_number",
            "remote_id",
            "is_active",
            "address",
            "staff_count",
            "created_at",
            "modified_at");

    private static final List<String> ADDRESS_FIELDS = List.of("line", "postcode", "city", "township", "country");

    private long organization;
    private Member admin;

    @BeforeEach
    void anOrganizationWithAnAdmin() {
        organization = newOrganization("Store Retail");
        admin = member(organization, "admin");
    }

    @Nested
    class Create {

        @Test
        void createsAStoreAndAnswers201WithLocationAndTheFullRepresentation() {
            String remoteId = "shop-" + unique();
            ApiResponse response = api.post(STORES)
                    .token(admin.token())
                    .json(Map.of(
                            "name", "Shop 2",
                            "email", "shop2@example.com",
                            "phone_number", "+32043843443",
                            "remote_id", remoteId,
                            "address", fullAddress()))
                    .send();

            assertThat(response.status()).as(response.body()).isEqualTo(201);
            JsonNode body = response.json();
            assertThat(body.propertyNames()).containsExactlyInAnyOrderElementsOf(REPRESENTATION_FIELDS);
            long id = body.get("id").asLong();
            assertThat(response.header("Location")).matches(".*/api/v1/stores/" + id + "/?$");
            assertThat(body.get("organization").asLong()).isEqualTo(organization);
            assertThat(body.get("name").asString()).isEqualTo("Shop 2");
            assertThat(body.get("email").asString()).isEqualTo("shop2@example.com");
            assertThat(body.get("phone_number").asString()).isEqualTo("+32043843443");
            assertThat(body.get("remote_id").asString()).isEqualTo(remoteId);
            assertThat(body.get("is_active").asBoolean()).isTrue();
            assertThat(body.get("staff_count").asLong()).isZero();
            JsonNode address = body.get("address");
            assertThat(address.propertyNames()).containsExactlyInAnyOrderElementsOf(ADDRESS_FIELDS);
            assertThat(address.get("line").asString()).isEqualTo("Shop 2 Address");
            assertThat(address.get("postcode").asString()).isEqualTo("34710");
            assertThat(address.get("city").asString()).isEqualTo("Istanbul");
            assertThat(address.get("township").asString()).isEqualTo("Kadıköy");
            assertThat(address.get("country").asString()).isEqualTo("TR");
            assertThat(Instant.parse(body.get("created_at").asString()))
                    .isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(5));
            assertThat(Instant.parse(body.get("modified_at").asString())).isNotNull();

            assertThat(storeRow(id))
                    .containsEntry("organization_id", organization)
                    .containsEntry("name", "Shop 2")
                    .containsEntry("email", "shop2@example.com")
                    .containsEntry("phone_number", "+32043843443")
                    .containsEntry("remote_id", remoteId)
                    .containsEntry("is_active", true)
                    .containsEntry("address_line", "Shop 2 Address")
                    .containsEntry("address_postcode", "34710")
                    .containsEntry("address_city", "Istanbul")
                    .containsEntry("address_township", "Kadıköy")
                    .containsEntry("address_country", "TR");

            ApiResponse fetched =
                    api.get(response.header("Location")).token(admin.token()).send();
            assertThat(fetched.status()).as(fetched.body()).isEqualTo(200);
            assertThat(fetched.json()).isEqualTo(body);
        }

        @Test
        void onlyANameIsRequiredAndTheRestIsNullOrDefault() {
            JsonNode store = createStore(admin.token(), Map.of("name", "Bare " + unique()));

            for (String field : List.of("email", "phone_number", "remote_id")) {
                assertThat(store.get(field).isNull()).as(field).isTrue();
            }
            assertThat(store.get("is_active").asBoolean()).isTrue();
            for (String field : ADDRESS_FIELDS) {
                assertThat(store.get("address").get(field).isNull()).as(field).isTrue();
            }
            Map<String, Object> row = storeRow(store.get("id").asLong());
            assertThat(row.get("remote_id")).isNull();
            assertThat(row.get("address_country")).isNull();
            assertThat(row).containsEntry("is_active", true);
        }

        @Test
        void countryMustBeAnUpperCaseIsoAlpha2CodeAndNothingIsStoredOtherwise() {
            for (String country : List.of("tr", "TUR", "T1", "Turkey")) {
                String name = "Bad country " + unique();
                ApiResponse response = api.post(STORES)
                        .token(admin.token())
                        .json(Map.of("name", name, "address", Map.of("city", "Istanbul", "country", country)))
                        .send();

                assertThat(response.status())
                        .as(country + " " + response.body())
                        .isEqualTo(400);
                assertThat(errorFields(response))
                        .as(country)
                        .singleElement()
                        .asString()
                        .startsWith("address");
                assertThat(storesNamed(name)).as(country).isZero();
            }
            JsonNode valid = createStore(
                    admin.token(), Map.of("name", "Good country " + unique(), "address", Map.of("country", "TR")));
            assertThat(valid.get("address").get("country").asString()).isEqualTo("TR");
        }

        @Test
        void aMissingOrBlankNameOrAnInvalidEmailIs400NamingTheFieldAndStoresNothing() {
            String remoteId = "invalid-" + unique();
            ApiResponse missingName = api.post(STORES)
                    .token(admin.token())
                    .json(Map.of("remote_id", remoteId))
                    .send();
            ApiResponse blankName = api.post(STORES)
                    .token(admin.token())
                    .json(Map.of("name", "   ", "remote_id", remoteId))
                    .send();
            ApiResponse badEmail = api.post(STORES)
                    .token(admin.token())
                    .json(Map.of("name", "Emailed", "email", "not-an-email", "remote_id", remoteId))
                    .send();
            ApiResponse unknownField = api.post(STORES)
                    .token(admin.token())
                    .json(Map.of("name", "Unknown", "colour", "red", "remote_id", remoteId))
                    .send();

            assertThat(missingName.status()).isEqualTo(400);
            assertThat(errorFields(missingName)).contains("name");
            assertThat(blankName.status()).isEqualTo(400);
            assertThat(errorFields(blankName)).contains("name");
            assertThat(badEmail.status()).isEqualTo(400);
            assertThat(errorFields(badEmail)).containsExactly("email");
            assertThat(unknownField.status()).isEqualTo(400);
            assertThat(storeCount(organization)).isZero();
        }

        @Test
        void aDuplicateRemoteIdInTheSameOrganizationIs409NamingRemoteId() {
            String remoteId = "dup-" + unique();
            createStore(admin.token(), Map.of("name", "First", "remote_id", remoteId));

            ApiResponse duplicate = api.post(STORES)
                    .token(admin.token())
                    .json(Map.of("name", "Second", "remote_id", remoteId))
                    .send();

            assertThat(duplicate.status()).as(duplicate.body()).isEqualTo(409);
            assertThat(errorFields(duplicate)).containsExactly("remote_id");
            assertThat(storesNamed("Second")).isZero();
            assertThat(jdbc.sql("select count(*) from stores where organization_id = :org and remote_id = :remoteId")
                            .param("org", organization)
                            .param("remoteId", remoteId)
                            .query(Long.class)
                            .single())
                    .isEqualTo(1);
        }

        @Test
        void theSameRemoteIdInAnotherOrganizationIsFineAndStoresWithoutRemoteIdNeverCollide() {
            long other = newOrganization("Other Retail");
            Member otherAdmin = member(other, "admin");
            String remoteId = "shared-" + unique();
            JsonNode mine = createStore(admin.token(), Map.of("name", "Mine", "remote_id", remoteId));

            JsonNode theirs = createStore(otherAdmin.token(), Map.of("name", "Theirs", "remote_id", remoteId));
            createStore(admin.token(), Map.of("name", "No remote 1"));
            createStore(admin.token(), Map.of("name", "No remote 2"));

            assertThat(theirs.get("organization").asLong()).isEqualTo(other);
            assertThat(theirs.get("id").asLong()).isNotEqualTo(mine.get("id").asLong());
            assertThat(storeCount(organization)).isEqualTo(3);
            assertThat(storeCount(other)).isEqualTo(1);
        }

        @Test
        void aSuperadminCreatesAStoreInTheOrganizationItNames() {
            JsonNode store =
                    createStore(superadminToken(), Map.of("organization", organization, "name", "Placed " + unique()));

            assertThat(store.get("organization").asLong()).isEqualTo(organization);
            assertThat(storeRow(store.get("id").asLong())).containsEntry("organization_id", organization);
        }
    }

    @Nested
    class Listing {

        @Test
        void isPaginatedAndShowsOnlyActiveStoresByDefault() {
            long first = createStore(admin.token(), Map.of("name", "Alpha"))
                    .get("id")
                    .asLong();
            long second = createStore(admin.token(), Map.of("name", "Bravo"))
                    .get("id")
                    .asLong();
            long third = createStore(admin.token(), Map.of("name", "Charlie"))
                    .get("id")
                    .asLong();
            long closed = createStore(admin.token(), Map.of("name", "Closed", "is_active", false))
                    .get("id")
                    .asLong();

            JsonNode page1 = list(admin.token(), "page_size=2");
            assertThat(page1.get("count").asLong()).isEqualTo(3);
            assertThat(ids(page1)).containsExactly(first, second);
            assertThat(page1.get("next").asString()).contains("page=2").contains("page_size=2");
            assertThat(page1.get("previous").isNull()).isTrue();

            JsonNode page2 = list(admin.token(), "page_size=2&page=2");
            assertThat(ids(page2)).containsExactly(third);
            assertThat(page2.get("next").isNull()).isTrue();
            assertThat(page2.get("previous").asString()).contains("page=1");

            assertThat(ids(list(admin.token(), "include_inactive=true"))).containsExactly(first, second, third, closed);
            assertThat(ids(list(admin.token(), "is_active=false"))).containsExactly(closed);
            assertThat(ids(list(admin.token(), "is_active=true"))).containsExactly(first, second, third);
        }

        @Test
        void searchIsACaseInsensitivePartialMatchOnNameOrRemoteId() {
            String marker = "zq" + unique().replace("-", "");
            long byName = createStore(admin.token(), Map.of("name", "Kadikoy " + marker.toUpperCase()))
                    .get("id")
                    .asLong();
            long byRemoteId = createStore(admin.token(), Map.of("name", "Besiktas", "remote_id", "ext-" + marker))
                    .get("id")
                    .asLong();
            createStore(admin.token(), Map.of("name", "Unrelated"));

            assertThat(ids(list(admin.token(), "search=" + marker.substring(0, 10))))
                    .containsExactly(byName, byRemoteId);
            assertThat(ids(list(admin.token(), "search=KADIKOY"))).containsExactly(byName);
            assertThat(ids(list(admin.token(), "search=nothing-like-this"))).isEmpty();
        }

        @Test
        void remoteIdFilterIsAnExactMatch() {
            String remoteId = "exact-" + unique();
            long exact = createStore(admin.token(), Map.of("name", "Exact", "remote_id", remoteId))
                    .get("id")
                    .asLong();
            createStore(admin.token(), Map.of("name", "Longer", "remote_id", remoteId + "-2"));

            assertThat(ids(list(admin.token(), "remote_id=" + remoteId))).containsExactly(exact);
            assertThat(ids(list(admin.token(), "remote_id=" + remoteId.substring(0, 8))))
                    .isEmpty();
        }

        @Test
        void ordersByAnAllowListedFieldAndRefusesOthers() {
            long b =
                    createStore(admin.token(), Map.of("name", "beta")).get("id").asLong();
            long a = createStore(admin.token(), Map.of("name", "Alpha"))
                    .get("id")
                    .asLong();
            long c = createStore(admin.token(), Map.of("name", "Gamma"))
                    .get("id")
                    .asLong();

            assertThat(ids(list(admin.token(), "ordering=name"))).containsExactly(a, b, c);
            assertThat(ids(list(admin.token(), "ordering=-name"))).containsExactly(c, b, a);
            assertThat(ids(list(admin.token(), "ordering=-id"))).containsExactly(c, a, b);
            assertThat(ids(list(admin.token(), "ordering=created_at"))).containsExactly(b, a, c);
            assertThat(ids(list(admin.token(), "ordering=-modified_at"))).containsExactly(c, a, b);

            for (String ordering : List.of("email", "-remote_id", "name;drop", "staff_count")) {
                ApiResponse refused = api.get(STORES + "?ordering=" + ordering)
                        .token(admin.token())
                        .send();
                assertThat(refused.status()).as(ordering).isEqualTo(400);
                assertThat(errorFields(refused)).as(ordering).containsExactly("ordering");
            }
        }

        @Test
        void pageParametersOutOfRangeAre400() {
            ApiResponse zero = api.get(STORES + "?page=0").token(admin.token()).send();
            ApiResponse huge =
                    api.get(STORES + "?page_size=1001").token(admin.token()).send();

            assertThat(zero.status()).isEqualTo(400);
            assertThat(errorFields(zero)).containsExactly("page");
            assertThat(huge.status()).isEqualTo(400);
            assertThat(errorFields(huge)).containsExactly("page_size");
        }
    }

    @Nested
    class Update {

        @Test
        void putReplacesEveryWritableFieldAndMissingOnesBecomeNullOrDefault() {
            JsonNode created = createStore(
                    admin.token(),
                    Map.of(
                            "name",
                            "Before",
                            "email",
                            "before@example.com",
                            "phone_number",
                            "+905551112233",
                            "remote_id",
                            "before-" + unique(),
                            "is_active",
                            false,
                            "address",
                            fullAddress()));
            long id = created.get("id").asLong();

            ApiResponse response = api.put(STORES + "/" + id)
                    .token(admin.token())
                    .json(Map.of("name", "After", "address", Map.of("city", "Ankara")))
                    .send();

            assertThat(response.status()).as(response.body()).isEqualTo(200);
            JsonNode body = response.json();
            assertThat(body.get("name").asString()).isEqualTo("After");
            for (String field : List.of("email", "phone_number", "remote_id")) {
                assertThat(body.get(field).isNull()).as(field).isTrue();
            }
            assertThat(body.get("is_active").asBoolean()).isTrue();
            assertThat(body.get("address").get("city").asString()).isEqualTo("Ankara");
            for (String field : List.of("line", "postcode", "township", "country")) {
                assertThat(body.get("address").get(field).isNull()).as(field).isTrue();
            }
            assertThat(body.get("organization").asLong()).isEqualTo(organization);
            assertThat(body.get("created_at")).isEqualTo(created.get("created_at"));
            assertThat(Instant.parse(body.get("modified_at").asString()))
                    .isAfterOrEqualTo(Instant.parse(created.get("modified_at").asString()));

            Map<String, Object> row = storeRow(id);
            assertThat(row)
                    .containsEntry("name", "After")
                    .containsEntry("is_active", true)
                    .containsEntry("address_city", "Ankara")
                    .containsEntry("organization_id", organization);
            assertThat(row.get("email")).isNull();
            assertThat(row.get("remote_id")).isNull();
            assertThat(row.get("address_country")).isNull();
        }

        @Test
        void putWithoutANameIs400AndChangesNothing() {
            long id = createStore(admin.token(), Map.of("name", "Kept", "email", "kept@example.com"))
                    .get("id")
                    .asLong();

            ApiResponse response = api.put(STORES + "/" + id)
                    .token(admin.token())
                    .json(Map.of("email", "new@example.com"))
                    .send();

            assertThat(response.status()).isEqualTo(400);
            assertThat(errorFields(response)).contains("name");
            assertThat(storeRow(id)).containsEntry("name", "Kept").containsEntry("email", "kept@example.com");
        }

        @Test
        void patchChangesOnlyTheGivenFieldsMergesTheAddressAndNullClears() {
            String remoteId = "patched-" + unique();
            JsonNode created = createStore(
                    admin.token(),
                    Map.of(
                            "name", "Patched",
                            "email", "patched@example.com",
                            "phone_number", "+905551112233",
                            "remote_id", remoteId,
                            "address", fullAddress()));
            long id = created.get("id").asLong();
            Map<String, Object> patch = new LinkedHashMap<>();
            patch.put("phone_number", null);
            patch.put("name", "Patched Again");
            patch.put("address", Map.of("city", "Izmir"));

            ApiResponse response = api.patch(STORES + "/" + id)
                    .token(admin.token())
                    .json(patch)
                    .send();

            assertThat(response.status()).as(response.body()).isEqualTo(200);
            JsonNode body = response.json();
            assertThat(body.get("name").asString()).isEqualTo("Patched Again");
            assertThat(body.get("phone_number").isNull()).isTrue();
            assertThat(body.get("email").asString()).isEqualTo("patched@example.com");
            assertThat(body.get("remote_id").asString()).isEqualTo(remoteId);
            assertThat(body.get("address").get("city").asString()).isEqualTo("Izmir");
            assertThat(body.get("address").get("line").asString()).isEqualTo("Shop 2 Address");
            assertThat(body.get("address").get("country").asString()).isEqualTo("TR");

            Map<String, Object> row = storeRow(id);
            assertThat(row)
                    .containsEntry("name", "Patched Again")
                    .containsEntry("email", "patched@example.com")
                    .containsEntry("address_city", "Izmir")
                    .containsEntry("address_township", "Kadıköy");
            assertThat(row.get("phone_number")).isNull();

            ApiResponse cleared = api.patch(STORES + "/" + id)
                    .token(admin.token())
                    .header("Content-Type", "application/merge-patch+json")
                    .json("{\"address\": null}")
                    .send();
            assertThat(cleared.status()).as(cleared.body()).isEqualTo(200);
            for (String field : ADDRESS_FIELDS) {
                assertThat(cleared.json().get("address").get(field).isNull())
                        .as(field)
                        .isTrue();
            }
            assertThat(storeRow(id).get("address_line")).isNull();
        }

        @Test
        void patchToAnotherStoresRemoteIdIs409AndAnInvalidCountryIs400AndNeitherChangesAnything() {
            String taken = "taken-" + unique();
            createStore(admin.token(), Map.of("name", "Holder", "remote_id", taken));
            String own = "own-" + unique();
            long id = createStore(
                            admin.token(),
                            Map.of("name", "Mover", "remote_id", own, "address", Map.of("country", "TR")))
                    .get("id")
                    .asLong();

            ApiResponse conflict = api.patch(STORES + "/" + id)
                    .token(admin.token())
                    .json(Map.of("remote_id", taken, "name", "Renamed"))
                    .send();
            ApiResponse badCountry = api.patch(STORES + "/" + id)
                    .token(admin.token())
                    .json(Map.of("address", Map.of("country", "tur"), "name", "Renamed"))
                    .send();

            assertThat(conflict.status()).as(conflict.body()).isEqualTo(409);
            assertThat(errorFields(conflict)).containsExactly("remote_id");
            assertThat(badCountry.status()).as(badCountry.body()).isEqualTo(400);
            assertThat(errorFields(badCountry)).singleElement().asString().startsWith("address");
            assertThat(storeRow(id))
                    .containsEntry("name", "Mover")
                    .containsEntry("remote_id", own)
                    .containsEntry("address_country", "TR");
        }

        @Test
        void readOnlyFieldsInAPatchAreIgnoredAndTheOrganizationNeverChanges() {
            long other = newOrganization("Elsewhere");
            JsonNode created = createStore(admin.token(), Map.of("name", "Fixed"));
            long id = created.get("id").asLong();

            ApiResponse response = api.patch(STORES + "/" + id)
                    .token(admin.token())
                    .json(Map.of("id", 1, "staff_count", 99, "organization", other, "name", "Fixed 2"))
                    .send();

            assertThat(response.status()).as(response.body()).isEqualTo(200);
            assertThat(response.json().get("id").asLong()).isEqualTo(id);
            assertThat(response.json().get("staff_count").asLong()).isZero();
            assertThat(response.json().get("organization").asLong()).isEqualTo(organization);
            assertThat(storeRow(id))
                    .containsEntry("organization_id", organization)
                    .containsEntry("name", "Fixed 2");
        }
    }

    @Nested
    class Deactivation {

        @Test
        void deleteDeactivatesWith204KeepsTheRowAndAPatchReactivates() {
            long id = createStore(admin.token(), Map.of("name", "Seasonal " + unique()))
                    .get("id")
                    .asLong();

            ApiResponse deleted =
                    api.delete(STORES + "/" + id).token(admin.token()).send();
            ApiResponse again =
                    api.delete(STORES + "/" + id).token(admin.token()).send();

            assertThat(deleted.status()).isEqualTo(204);
            assertThat(deleted.body()).isEmpty();
            assertThat(again.status()).isEqualTo(204);
            assertThat(storeRow(id)).containsEntry("is_active", false);
            JsonNode fetched = get(admin.token(), id);
            assertThat(fetched.get("is_active").asBoolean()).isFalse();
            assertThat(ids(list(admin.token(), ""))).doesNotContain(id);
            assertThat(ids(list(admin.token(), "include_inactive=true"))).contains(id);

            ApiResponse reactivated = api.patch(STORES + "/" + id)
                    .token(admin.token())
                    .json(Map.of("is_active", true))
                    .send();
            assertThat(reactivated.status()).as(reactivated.body()).isEqualTo(200);
            assertThat(reactivated.json().get("is_active").asBoolean()).isTrue();
            assertThat(storeRow(id)).containsEntry("is_active", true);
            assertThat(ids(list(admin.token(), ""))).contains(id);
        }

        @Test
        void staffCountCountsOnlyActiveAssignedStaff() {
            long id = createStore(admin.token(), Map.of("name", "Counted"))
                    .get("id")
                    .asLong();
            long first = newStaff(id);
            newStaff(id);
            newStaff(id);
            assertThat(get(admin.token(), id).get("staff_count").asLong()).isEqualTo(3);

            ApiResponse deactivated =
                    api.delete("/api/v1/staffs/" + first).token(admin.token()).send();
            assertThat(deactivated.status()).isEqualTo(204);

            assertThat(get(admin.token(), id).get("staff_count").asLong()).isEqualTo(2);
            assertThat(ids(list(admin.token(), "search=Counted"))).containsExactly(id);
            assertThat(list(admin.token(), "search=Counted")
                            .get("results")
                            .get(0)
                            .get("staff_count")
                            .asLong())
                    .isEqualTo(2);
            assertThat(jdbc.sql("select count(*) from staff_stores where store_id = :id")
                            .param("id", id)
                            .query(Long.class)
                            .single())
                    .isEqualTo(3);
        }
    }

    @Nested
    class TenantIsolation {

        private long otherOrganization;
        private Member otherAdmin;

        @BeforeEach
        void anotherOrganization() {
            otherOrganization = newOrganization("Foreign Retail");
            otherAdmin = member(otherOrganization, "admin");
        }

        @Test
        void anotherOrganizationsStoreIs404LikeAMissingOneForEveryVerbAndChangesNothing() {
            String name = "Foreign " + unique();
            long id = createStore(otherAdmin.token(), Map.of("name", name, "email", "foreign@example.com"))
                    .get("id")
                    .asLong();

            ApiResponse read = api.get(STORES + "/" + id).token(admin.token()).send();
            ApiResponse missing =
                    api.get(STORES + "/999999999").token(admin.token()).send();
            assertThat(read.status()).isEqualTo(404);
            assertThat(missing.status()).isEqualTo(404);
            assertThat(read.json().get("title")).isEqualTo(missing.json().get("title"));
            assertThat(read.body()).doesNotContain(name);

            assertThat(status(api.put(STORES + "/" + id).token(admin.token()).json(Map.of("name", "Hacked"))))
                    .isEqualTo(404);
            assertThat(status(api.patch(STORES + "/" + id).token(admin.token()).json(Map.of("name", "Hacked"))))
                    .isEqualTo(404);
            assertThat(status(api.delete(STORES + "/" + id).token(admin.token())))
                    .isEqualTo(404);
            assertThat(status(api.get(STORES + "/" + id + "/staff").token(admin.token())))
                    .isEqualTo(404);

            assertThat(storeRow(id))
                    .containsEntry("name", name)
                    .containsEntry("email", "foreign@example.com")
                    .containsEntry("is_active", true);
        }

        @Test
        void listsNeverShowAnotherOrganizationsStores() {
            String marker = "Hidden" + unique().replace("-", "");
            String remoteId = "hidden-" + unique();
            createStore(otherAdmin.token(), Map.of("name", marker, "remote_id", remoteId));

            assertThat(list(admin.token(), "search=" + marker).get("count").asLong())
                    .isZero();
            assertThat(list(admin.token(), "remote_id=" + remoteId).get("count").asLong())
                    .isZero();
            assertThat(list(admin.token(), "organization=" + otherOrganization + "&include_inactive=true")
                            .get("count")
                            .asLong())
                    .isZero();
            for (JsonNode store :
                    list(admin.token(), "page_size=1000&include_inactive=true").get("results")) {
                assertThat(store.get("organization").asLong()).isEqualTo(organization);
            }
        }

        @Test
        void creatingAStoreInAnotherOrganizationIs400NamingOrganization() {
            String name = "Intruder " + unique();
            ApiResponse response = api.post(STORES)
                    .token(admin.token())
                    .json(Map.of("organization", otherOrganization, "name", name))
                    .send();

            assertThat(response.status()).isEqualTo(400);
            assertThat(errorFields(response)).containsExactly("organization");
            assertThat(storesNamed(name)).isZero();
        }

        @Test
        void aSuperadminSeesAndFiltersEveryOrganizationsStores() {
            String marker = "Everywhere" + unique().replace("-", "");
            long mine = createStore(admin.token(), Map.of("name", marker + " A"))
                    .get("id")
                    .asLong();
            long theirs = createStore(otherAdmin.token(), Map.of("name", marker + " B"))
                    .get("id")
                    .asLong();

            assertThat(ids(list(superadminToken(), "search=" + marker))).containsExactly(mine, theirs);
            assertThat(ids(list(superadminToken(), "search=" + marker + "&organization=" + otherOrganization)))
                    .containsExactly(theirs);
            assertThat(get(superadminToken(), theirs).get("organization").asLong())
                    .isEqualTo(otherOrganization);
        }
    }

    @Nested
    class Access {

        @Test
        void membersAndManagersReadButCannotWrite() {
            JsonNode store = createStore(admin.token(), Map.of("name", "Read only " + unique()));
            long id = store.get("id").asLong();

            for (String role : List.of("member", "manager")) {
                Member reader = member(organization, role);
                assertThat(status(api.get(STORES).token(reader.token())))
                        .as(role)
                        .isEqualTo(200);
                assertThat(status(api.get(STORES + "/" + id).token(reader.token())))
                        .as(role)
                        .isEqualTo(200);
                String name = "By " + role + " " + unique();
                assertThat(status(api.post(STORES).token(reader.token()).json(Map.of("name", name))))
                        .as(role)
                        .isEqualTo(403);
                assertThat(status(
                                api.put(STORES + "/" + id).token(reader.token()).json(Map.of("name", name))))
                        .as(role)
                        .isEqualTo(403);
                assertThat(status(api.patch(STORES + "/" + id)
                                .token(reader.token())
                                .json(Map.of("name", name))))
                        .as(role)
                        .isEqualTo(403);
                assertThat(status(api.delete(STORES + "/" + id).token(reader.token())))
                        .as(role)
                        .isEqualTo(403);
                assertThat(storesNamed(name)).as(role).isZero();
            }
            assertThat(storeRow(id))
                    .containsEntry("name", store.get("name").asString())
                    .containsEntry("is_active", true);
        }

        @Test
        void ownersAndAdminsWriteStores() {
            for (String role : List.of("owner", "admin")) {
                Member writer = member(organization, role);
                ApiResponse created = api.post(STORES)
                        .token(writer.token())
                        .json(Map.of("name", "By " + role + " " + unique()))
                        .send();
                assertThat(created.status()).as(role + " " + created.body()).isEqualTo(201);
                long id = created.json().get("id").asLong();
                assertThat(status(api.patch(STORES + "/" + id)
                                .token(writer.token())
                                .json(Map.of("email", "w@example.com"))))
                        .as(role)
                        .isEqualTo(200);
                assertThat(status(api.delete(STORES + "/" + id).token(writer.token())))
                        .as(role)
                        .isEqualTo(204);
                assertThat(storeRow(id)).containsEntry("email", "w@example.com").containsEntry("is_active", false);
            }
        }

        @Test
        void anonymousCallersAre401() {
            assertThat(status(api.get(STORES))).isEqualTo(401);
            assertThat(status(api.post(STORES).json(Map.of("name", "Anonymous"))))
                    .isEqualTo(401);
        }
    }

    // --- helpers -------------------------------------------------------------------------------

    private static Map<String, Object> fullAddress() {
        return Map.of(
                "line", "Shop 2 Address",
                "postcode", "34710",
                "city", "Istanbul",
                "township", "Kadıköy",
                "country", "TR");
    }

    private JsonNode createStore(String token, Map<String, Object> fields) {
        return api.post(STORES).token(token).json(fields).send().json(201);
    }

    private JsonNode get(String token, long id) {
        return api.get(STORES + "/" + id).token(token).send().json(200);
    }

    private JsonNode list(String token, String query) {
        return api.get(STORES + "?" + query).token(token).send().json(200);
    }

    /** An active staff member of the organization assigned to the store; returns its id. */
    private long newStaff(long store) {
        Map<String, Object> fields = new HashMap<>();
        fields.put("organization", organization);
        fields.put("first_name", "Clerk");
        fields.put("last_name", "Number " + unique());
        fields.put("email", uniqueEmail("clerk"));
        fields.put("retail_stores", List.of(store));
        return createStaff(fields).get("id").asLong();
    }

    private static int status(Api.Request request) {
        return request.send().status();
    }

    private Map<String, Object> storeRow(long id) {
        return jdbc.sql("""
                        select organization_id, name, email, phone_number, remote_id, is_active, address_line,
                               address_postcode, address_city, address_township, address_country
                        from stores where id = :id""").param("id", id).query().singleRow();
    }

    private long storeCount(long organizationId) {
        return jdbc.sql("select count(*) from stores where organization_id = :org")
                .param("org", organizationId)
                .query(Long.class)
                .single();
    }

    private long storesNamed(String name) {
        return jdbc.sql("select count(*) from stores where organization_id = :org and name = :name")
                .param("org", organization)
                .param("name", name)
                .query(Long.class)
                .single();
    }
}
