package com.staffkit.team;

import static com.staffkit.support.Json.errorFields;
import static com.staffkit.support.Json.ids;
import static com.staffkit.support.Json.strings;
import static org.assertj.core.api.Assertions.assertThat;

import com.staffkit.support.Api;
import com.staffkit.support.ApiResponse;
import com.staffkit.support.IntegrationTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/teams}: teams with responsibilities, their membership, and how staff list them. Every
 * test works in an organization of its own, so lists and counts are scoped to data it created.
 */
class TeamApiTests extends IntegrationTest {

    private static final String TEAMS = "/api/teams";

    private static final List<String> REPRESENTATION_FIELDS = List.of(
            "id",
            "organization",
            "name",
            "description",
            "responsibilities",
            "member_count",
            "created_at",
            "modified_at");

    private static final List<String> REQUIRED_PREDEFINED = List.of(
            "COLLECT_SPECIMENS_FROM_PATIENT",
            "COMMUNICATE_DIAGNOSTIC_RESULTS_TO_PATIENT",
            "COORDINATE_REFERRALS_FOR_PATIENT",
            "PROCESS_REFILL_REQUESTS",
            "PROCESS_CHANGE_REQUESTS",
            "SCHEDULE_LAB_VISITS_FOR_PATIENT",
            "POPULATION_HEALTH_CAMPAIGN_OUTREACH",
            "COLLECT_PATIENT_PAYMENTS",
            "COMPLETE_OPEN_LAB_ORDERS",
            "REVIEW_ERA_POSTING_EXCEPTIONS",
            "REVIEW_COVERAGES",
            "OPEN_AND_CLOSE_STORE",
            "MANAGE_INVENTORY",
            "HANDLE_CUSTOMER_COMPLAINTS");

    private long organization;
    private Member admin;

    @BeforeEach
    void anOrganizationWithAnAdmin() {
        organization = newOrganization("Team Clinic");
        admin = member(organization, "admin");
    }

    @Nested
    class Create {

        @Test
        void createsATeamAndAnswers201WithLocationAndTheFullRepresentation() {
            ApiResponse response = api.post(TEAMS)
                    .token(admin.token())
                    .json(Map.of(
                            "name",
                            "Prescription Management",
                            "description",
                            "Handles refills and change requests",
                            "responsibilities",
                            List.of("PROCESS_REFILL_REQUESTS", "PROCESS_CHANGE_REQUESTS")))
                    .send();

            assertThat(response.status()).as(response.body()).isEqualTo(201);
            JsonNode body = response.json();
            assertThat(body.propertyNames()).containsExactlyInAnyOrderElementsOf(REPRESENTATION_FIELDS);
            long id = body.get("id").asLong();
            assertThat(response.header("Location")).endsWith("/api/teams/" + id);
            assertThat(body.get("organization").asLong()).isEqualTo(organization);
            assertThat(body.get("name").asString()).isEqualTo("Prescription Management");
            assertThat(body.get("description").asString()).isEqualTo("Handles refills and change requests");
            assertThat(strings(body.get("responsibilities")))
                    .containsExactly("PROCESS_REFILL_REQUESTS", "PROCESS_CHANGE_REQUESTS");
            assertThat(body.get("member_count").asLong()).isZero();
            assertThat(Instant.parse(body.get("created_at").asString())).isNotNull();
            assertThat(Instant.parse(body.get("modified_at").asString())).isNotNull();

            Map<String, Object> row = teamRow(id);
            assertThat(row)
                    .containsEntry("organization_id", organization)
                    .containsEntry("name", "Prescription Management")
                    .containsEntry("description", "Handles refills and change requests");
            assertThat(dbResponsibilities(id)).containsExactly("PROCESS_REFILL_REQUESTS", "PROCESS_CHANGE_REQUESTS");

            ApiResponse fetched =
                    api.get(response.header("Location")).token(admin.token()).send();
            assertThat(fetched.status()).isEqualTo(200);
            assertThat(fetched.json()).isEqualTo(body);
        }

        @Test
        void missingDescriptionAndResponsibilitiesBecomeNullAndEmpty() {
            JsonNode team = createTeam(admin.token(), Map.of("name", "Bare " + unique()));

            assertThat(team.get("description").isNull()).isTrue();
            assertThat(team.get("responsibilities").isArray()).isTrue();
            assertThat(team.get("responsibilities")).isEmpty();
            assertThat(teamRow(team.get("id").asLong()).get("description")).isNull();
            assertThat(dbResponsibilities(team.get("id").asLong())).isEmpty();
        }

        @Test
        void aDuplicateNameInAnotherLetterCaseIs409NamingNameAndStoresNothing() {
            createTeam(admin.token(), Map.of("name", "Night Shift"));

            ApiResponse duplicate = api.post(TEAMS)
                    .token(admin.token())
                    .json(Map.of("name", "night shift", "description", "should not exist"))
                    .send();

            assertThat(duplicate.status()).as(duplicate.body()).isEqualTo(409);
            assertThat(duplicate.json().get("errors").get(0).get("field").asString())
                    .isEqualTo("name");
            assertThat(teamsNamed(organization, "night shift")).isEqualTo(1);
            assertThat(jdbc.sql("select count(*) from teams where organization_id = :org and description is not null")
                            .param("org", organization)
                            .query(Long.class)
                            .single())
                    .isZero();
        }

        @Test
        void namesAreComparedAfterTrimmingAndBeyondAscii() {
            JsonNode stored = createTeam(admin.token(), Map.of("name", "  Équipe de Nuit  "));
            assertThat(stored.get("name").asString()).isEqualTo("Équipe de Nuit");

            ApiResponse padded = api.post(TEAMS)
                    .token(admin.token())
                    .json(Map.of("name", "équipe de nuit "))
                    .send();
            ApiResponse upper = api.post(TEAMS)
                    .token(admin.token())
                    .json(Map.of("name", "ÉQUIPE DE NUIT"))
                    .send();

            assertThat(padded.status()).as(padded.body()).isEqualTo(409);
            assertThat(upper.status()).as(upper.body()).isEqualTo(409);
            assertThat(errorFields(upper)).containsExactly("name");
            assertThat(teamCount(organization)).isEqualTo(1);
            assertThat(ids(list("name=%C3%A9QUIPE%20DE%20NUIT")))
                    .containsExactly(stored.get("id").asLong());
        }

        @Test
        void tooLongValuesAre400NamingTheField() {
            ApiResponse longName = api.post(TEAMS)
                    .token(admin.token())
                    .json(Map.of("name", "N".repeat(151)))
                    .send();
            ApiResponse longDescription = api.post(TEAMS)
                    .token(admin.token())
                    .json(Map.of("name", "Wordy " + unique(), "description", "d".repeat(1001)))
                    .send();

            assertThat(longName.status()).isEqualTo(400);
            assertThat(errorFields(longName)).containsExactly("name");
            assertThat(longDescription.status()).isEqualTo(400);
            assertThat(errorFields(longDescription)).containsExactly("description");
            assertThat(teamCount(organization)).isZero();
        }

        @Test
        void theSameNameInAnotherOrganizationIsFine() {
            long other = newOrganization("Other Clinic");
            Member otherAdmin = member(other, "admin");
            JsonNode mine = createTeam(admin.token(), Map.of("name", "Night Shift"));

            JsonNode theirs = createTeam(otherAdmin.token(), Map.of("name", "NIGHT SHIFT"));

            assertThat(theirs.get("organization").asLong()).isEqualTo(other);
            assertThat(theirs.get("id").asLong()).isNotEqualTo(mine.get("id").asLong());
            assertThat(teamsNamed(organization, "night shift")).isEqualTo(1);
            assertThat(teamsNamed(other, "night shift")).isEqualTo(1);
        }

        @Test
        void aMissingOrBlankNameIs400NamingName() {
            ApiResponse missing = api.post(TEAMS)
                    .token(admin.token())
                    .json(Map.of("description", "no name"))
                    .send();
            ApiResponse blank = api.post(TEAMS)
                    .token(admin.token())
                    .json(Map.of("name", "   "))
                    .send();

            for (ApiResponse response : List.of(missing, blank)) {
                assertThat(response.status()).as(response.body()).isEqualTo(400);
                assertThat(errorFields(response)).contains("name");
            }
            assertThat(teamCount(organization)).isZero();
        }

        @Test
        void duplicateResponsibilitiesCollapseKeepingTheFirstOccurrenceOrder() {
            JsonNode team = createTeam(
                    admin.token(),
                    Map.of(
                            "name",
                            "Collapsing " + unique(),
                            "responsibilities",
                            List.of(
                                    "MANAGE_INVENTORY",
                                    "OPEN_AND_CLOSE_STORE",
                                    "MANAGE_INVENTORY",
                                    "OPEN_AND_CLOSE_STORE")));

            assertThat(strings(team.get("responsibilities")))
                    .containsExactly("MANAGE_INVENTORY", "OPEN_AND_CLOSE_STORE");
            assertThat(dbResponsibilities(team.get("id").asLong()))
                    .containsExactly("MANAGE_INVENTORY", "OPEN_AND_CLOSE_STORE");
        }

        @Test
        void aSuperadminCreatesATeamInTheOrganizationItNames() {
            JsonNode team =
                    createTeam(superadminToken(), Map.of("organization", organization, "name", "Placed " + unique()));

            assertThat(team.get("organization").asLong()).isEqualTo(organization);
            assertThat(teamRow(team.get("id").asLong())).containsEntry("organization_id", organization);
        }

        @Test
        void everyPathAnswersWithAndWithoutATrailingSlash() {
            ApiResponse created = api.post(TEAMS + "/")
                    .token(admin.token())
                    .json(Map.of("name", "Slashed " + unique()))
                    .send();
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            long id = created.json().get("id").asLong();
            long staff = newStaff(organization);

            for (String suffix : List.of("", "/")) {
                String team = TEAMS + "/" + id + suffix;
                String members = TEAMS + "/" + id + "/members" + suffix;
                String member = TEAMS + "/" + id + "/members/" + staff + suffix;
                assertThat(status(api.get(TEAMS + suffix).token(admin.token())))
                        .as(TEAMS + suffix)
                        .isEqualTo(200);
                assertThat(status(api.get(TEAMS + "/responsibilities" + suffix).token(admin.token())))
                        .isEqualTo(200);
                assertThat(status(api.get(team).token(admin.token()))).as(team).isEqualTo(200);
                assertThat(status(api.put(team).token(admin.token()).json(Map.of("name", "Slashed " + unique()))))
                        .as(team)
                        .isEqualTo(200);
                assertThat(status(api.patch(team).token(admin.token()).json(Map.of("description", "d" + suffix))))
                        .as(team)
                        .isEqualTo(200);
                assertThat(status(api.put(member).token(admin.token())))
                        .as(member)
                        .isEqualTo(204);
                assertThat(status(api.get(members).token(admin.token())))
                        .as(members)
                        .isEqualTo(200);
                assertThat(status(api.delete(member).token(admin.token())))
                        .as(member)
                        .isEqualTo(204);
                assertThat(status(api.post(members).token(admin.token()).json(Map.of("staff_ids", List.of(staff)))))
                        .as(members)
                        .isEqualTo(204);
            }
            assertThat(status(api.delete(TEAMS + "/" + id + "/").token(admin.token())))
                    .isEqualTo(204);
            assertThat(teamExists(id)).isFalse();
        }
    }

    @Nested
    class ReadAndFilters {

        @Test
        void getAnswersTheTeamAndAnUnknownIdIs404() {
            JsonNode team = createTeam(admin.token(), Map.of("name", "Readable " + unique()));

            ApiResponse found = api.get(TEAMS + "/" + team.get("id").asLong())
                    .token(admin.token())
                    .send();
            ApiResponse missing =
                    api.get(TEAMS + "/999999999").token(admin.token()).send();

            assertThat(found.status()).isEqualTo(200);
            assertThat(found.json()).isEqualTo(team);
            assertThat(missing.status()).isEqualTo(404);
        }

        @Test
        void theListIsPaginatedAndScopedToTheCallersOrganization() {
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                ids.add(createTeam(admin.token(), Map.of("name", "Paged " + i + " " + unique()))
                        .get("id")
                        .asLong());
            }
            createTeam(member(newOrganization("Elsewhere"), "admin").token(), Map.of("name", "Foreign " + unique()));

            ApiResponse first =
                    api.get(TEAMS + "?page_size=2").token(admin.token()).send();

            assertThat(first.status()).isEqualTo(200);
            JsonNode body = first.json();
            assertThat(body.propertyNames()).contains("count", "next", "previous", "results");
            assertThat(body.get("count").asLong()).isEqualTo(3);
            assertThat(body.get("previous").isNull()).isTrue();
            assertThat(ids(body)).containsExactly(ids.get(0), ids.get(1));
            String next = body.get("next").asString();
            assertThat(next).contains("page=2").contains("page_size=2");

            ApiResponse second = api.get(next).token(admin.token()).send();
            assertThat(second.status()).isEqualTo(200);
            assertThat(ids(second.json())).containsExactly(ids.get(2));
            assertThat(second.json().get("next").isNull()).isTrue();
            assertThat(second.json().get("previous").asString()).contains("page=1");
            for (JsonNode team : second.json().get("results")) {
                assertThat(team.propertyNames()).containsExactlyInAnyOrderElementsOf(REPRESENTATION_FIELDS);
            }
        }

        @Test
        void responsibilityFilterAnswersTheTeamsThatHaveIt() {
            long refills = createTeam(
                            admin.token(),
                            Map.of(
                                    "name",
                                    "Refills " + unique(),
                                    "responsibilities",
                                    List.of("PROCESS_REFILL_REQUESTS", "REVIEW_PRESCRIPTIONS")))
                    .get("id")
                    .asLong();
            long both = createTeam(
                            admin.token(),
                            Map.of(
                                    "name",
                                    "Both " + unique(),
                                    "responsibilities",
                                    List.of("REVIEW_COVERAGES", "PROCESS_REFILL_REQUESTS")))
                    .get("id")
                    .asLong();
            createTeam(
                    admin.token(),
                    Map.of("name", "Coverage " + unique(), "responsibilities", List.of("REVIEW_COVERAGES")));

            assertThat(ids(list("responsibility=PROCESS_REFILL_REQUESTS"))).containsExactly(refills, both);
            assertThat(ids(list("responsibility=REVIEW_PRESCRIPTIONS"))).containsExactly(refills);
            assertThat(ids(list("responsibility=MANAGE_INVENTORY"))).isEmpty();
        }

        @Test
        void nameFilterIsAnExactCaseInsensitiveLookup() {
            long nightShift = createTeam(admin.token(), Map.of("name", "Night Shift"))
                    .get("id")
                    .asLong();
            createTeam(admin.token(), Map.of("name", "Night Shift Backup"));

            JsonNode found = list("name=nIGHT%20sHIFT");

            assertThat(found.get("count").asLong()).isEqualTo(1);
            assertThat(ids(found)).containsExactly(nightShift);
            assertThat(list("name=Night").get("count").asLong()).isZero();
        }

        @Test
        void searchIsAPartialCaseInsensitiveMatchOnTheName() {
            long pharmacy = createTeam(admin.token(), Map.of("name", "Pharmacy Front Desk"))
                    .get("id")
                    .asLong();
            long lab = createTeam(admin.token(), Map.of("name", "Lab Desk"))
                    .get("id")
                    .asLong();
            createTeam(admin.token(), Map.of("name", "Billing"));

            assertThat(ids(list("search=DESK"))).containsExactly(pharmacy, lab);
            assertThat(ids(list("search=front%20d"))).containsExactly(pharmacy);
            assertThat(ids(list("search=nothing-like-it"))).isEmpty();
        }

        @Test
        void searchTreatsLikeWildcardsAsPlainCharacters() {
            long percent = createTeam(admin.token(), Map.of("name", "100% Club"))
                    .get("id")
                    .asLong();
            createTeam(admin.token(), Map.of("name", "1000 Club"));
            long underscore = createTeam(admin.token(), Map.of("name", "Team_A"))
                    .get("id")
                    .asLong();
            createTeam(admin.token(), Map.of("name", "TeamXA"));

            assertThat(ids(list("search=0%25"))).containsExactly(percent);
            assertThat(ids(list("search=m_a"))).containsExactly(underscore);
        }

        @Test
        void memberFilterAnswersTheTeamsAStaffMemberBelongsTo() {
            long staff = newStaff(organization);
            long first = createTeam(admin.token(), Map.of("name", "First " + unique()))
                    .get("id")
                    .asLong();
            long second = createTeam(admin.token(), Map.of("name", "Second " + unique()))
                    .get("id")
                    .asLong();
            createTeam(admin.token(), Map.of("name", "Third " + unique()));
            addMember(admin.token(), first, staff);
            addMember(admin.token(), second, staff);

            assertThat(ids(list("member=" + staff))).containsExactly(first, second);
            assertThat(ids(list("member=" + newStaff(organization)))).isEmpty();
        }

        @Test
        void orderingSortsByNameIdAndDatesInEitherDirection() {
            long charlie = createTeam(admin.token(), Map.of("name", "charlie"))
                    .get("id")
                    .asLong();
            long alpha =
                    createTeam(admin.token(), Map.of("name", "Alpha")).get("id").asLong();
            long bravo =
                    createTeam(admin.token(), Map.of("name", "bravo")).get("id").asLong();

            assertThat(ids(list("ordering=name"))).containsExactly(alpha, bravo, charlie);
            assertThat(ids(list("ordering=-name"))).containsExactly(charlie, bravo, alpha);
            assertThat(ids(list("ordering=id"))).containsExactly(charlie, alpha, bravo);
            assertThat(ids(list("ordering=-id"))).containsExactly(bravo, alpha, charlie);
            assertThat(ids(list("ordering=created_at"))).containsExactly(charlie, alpha, bravo);
            assertThat(ids(list("ordering=-created_at"))).containsExactly(bravo, alpha, charlie);

            assertThat(status(api.patch(TEAMS + "/" + charlie)
                            .token(admin.token())
                            .json(Map.of("description", "touched last"))))
                    .isEqualTo(200);
            assertThat(ids(list("ordering=-modified_at")).getFirst()).isEqualTo(charlie);
            assertThat(ids(list("ordering=modified_at")).getLast()).isEqualTo(charlie);
        }

        @Test
        void pageLinksKeepTheFilters() {
            long first = createTeam(admin.token(), Map.of("name", "Linked Desk A"))
                    .get("id")
                    .asLong();
            createTeam(admin.token(), Map.of("name", "Unrelated"));
            long second = createTeam(admin.token(), Map.of("name", "Linked Desk B"))
                    .get("id")
                    .asLong();

            JsonNode page1 = list("search=linked%20desk&page_size=1");
            assertThat(page1.get("count").asLong()).isEqualTo(2);
            assertThat(ids(page1)).containsExactly(first);

            JsonNode page2 = api.get(page1.get("next").asString())
                    .token(admin.token())
                    .send()
                    .json();
            assertThat(page2.get("count").asLong()).isEqualTo(2);
            assertThat(ids(page2)).containsExactly(second);
            assertThat(page2.get("next").isNull()).isTrue();
        }

        @Test
        void malformedQueryParametersAre400() {
            for (String query : List.of("member=abc", "page_size=0", "page_size=1001", "page=0", "page=abc")) {
                ApiResponse response =
                        api.get(TEAMS + "?" + query).token(admin.token()).send();
                assertThat(response.status()).as(query + " " + response.body()).isEqualTo(400);
            }
        }

        @Test
        void anUnknownOrderingIs400NamingOrdering() {
            ApiResponse response = api.get(TEAMS + "?ordering=description")
                    .token(admin.token())
                    .send();
            ApiResponse injection = api.get(TEAMS + "?ordering=name;drop%20table%20teams")
                    .token(admin.token())
                    .send();

            assertThat(response.status()).isEqualTo(400);
            assertThat(errorFields(response)).containsExactly("ordering");
            assertThat(injection.status()).isEqualTo(400);
        }
    }

    @Nested
    class Update {

        @Test
        void putReplacesEverythingAndMissingFieldsBecomeNullOrEmpty() {
            JsonNode team = createTeam(
                    admin.token(),
                    Map.of(
                            "name",
                            "Before " + unique(),
                            "description",
                            "old",
                            "responsibilities",
                            List.of("MANAGE_INVENTORY")));
            long id = team.get("id").asLong();

            ApiResponse response = api.put(TEAMS + "/" + id)
                    .token(admin.token())
                    .json(Map.of("name", "After"))
                    .send();

            assertThat(response.status()).as(response.body()).isEqualTo(200);
            JsonNode body = response.json();
            assertThat(body.get("id").asLong()).isEqualTo(id);
            assertThat(body.get("organization").asLong()).isEqualTo(organization);
            assertThat(body.get("name").asString()).isEqualTo("After");
            assertThat(body.get("description").isNull()).isTrue();
            assertThat(body.get("responsibilities")).isEmpty();
            assertThat(body.get("created_at")).isEqualTo(team.get("created_at"));
            assertThat(Instant.parse(body.get("modified_at").asString()))
                    .isAfterOrEqualTo(Instant.parse(team.get("modified_at").asString()));

            Map<String, Object> row = teamRow(id);
            assertThat(row).containsEntry("name", "After").containsEntry("organization_id", organization);
            assertThat(row.get("description")).isNull();
            assertThat(dbResponsibilities(id)).isEmpty();
        }

        @Test
        void theRepresentationAsReadCanBePutBackUnchanged() {
            JsonNode team = createTeam(
                    admin.token(),
                    Map.of(
                            "name",
                            "Round Trip " + unique(),
                            "description",
                            "as read",
                            "responsibilities",
                            List.of("REVIEW_COVERAGES", "REVIEW_PRESCRIPTIONS")));
            long id = team.get("id").asLong();

            ApiResponse response = api.put(TEAMS + "/" + id)
                    .token(admin.token())
                    .json(team.toString())
                    .send();

            assertThat(response.status()).as(response.body()).isEqualTo(200);
            JsonNode body = response.json();
            for (String field :
                    List.of("id", "organization", "name", "description", "responsibilities", "created_at")) {
                assertThat(body.get(field)).as(field).isEqualTo(team.get(field));
            }
            assertThat(dbResponsibilities(id)).containsExactly("REVIEW_COVERAGES", "REVIEW_PRESCRIPTIONS");
        }

        @Test
        void renamingToAnotherTeamsNameInAnotherCaseIs409AndChangesNothing() {
            createTeam(admin.token(), Map.of("name", "Day Shift"));
            long night = createTeam(admin.token(), Map.of("name", "Night Shift"))
                    .get("id")
                    .asLong();

            ApiResponse put = api.put(TEAMS + "/" + night)
                    .token(admin.token())
                    .json(Map.of("name", "DAY SHIFT"))
                    .send();
            ApiResponse patch = api.patch(TEAMS + "/" + night)
                    .token(admin.token())
                    .json(Map.of("name", "day shift"))
                    .send();

            for (ApiResponse response : List.of(put, patch)) {
                assertThat(response.status()).as(response.body()).isEqualTo(409);
                assertThat(response.json().get("errors").get(0).get("field").asString())
                        .isEqualTo("name");
            }
            assertThat(teamRow(night)).containsEntry("name", "Night Shift");
        }

        @Test
        void aTeamMayChangeTheLetterCaseOfItsOwnName() {
            long id = createTeam(admin.token(), Map.of("name", "Night Shift"))
                    .get("id")
                    .asLong();

            ApiResponse response = api.put(TEAMS + "/" + id)
                    .token(admin.token())
                    .json(Map.of("name", "NIGHT SHIFT"))
                    .send();

            assertThat(response.status()).as(response.body()).isEqualTo(200);
            assertThat(teamRow(id)).containsEntry("name", "NIGHT SHIFT");
        }

        @Test
        void patchChangesOnlyTheGivenFields() {
            JsonNode team = createTeam(
                    admin.token(),
                    Map.of(
                            "name",
                            "Patched " + unique(),
                            "description",
                            "keeps",
                            "responsibilities",
                            List.of("REVIEW_COVERAGES")));
            long id = team.get("id").asLong();

            ApiResponse response = api.patch(TEAMS + "/" + id)
                    .token(admin.token())
                    .body(
                            "application/merge-patch+json",
                            "{\"responsibilities\": [\"REVIEW_COVERAGES\", \"AUDIT_CLAIMS\"]}")
                    .send();

            assertThat(response.status()).as(response.body()).isEqualTo(200);
            JsonNode body = response.json();
            assertThat(body.get("name")).isEqualTo(team.get("name"));
            assertThat(body.get("description").asString()).isEqualTo("keeps");
            assertThat(strings(body.get("responsibilities"))).containsExactly("REVIEW_COVERAGES", "AUDIT_CLAIMS");
            assertThat(body.get("created_at")).isEqualTo(team.get("created_at"));
            assertThat(teamRow(id)).containsEntry("description", "keeps");
            assertThat(dbResponsibilities(id)).containsExactly("REVIEW_COVERAGES", "AUDIT_CLAIMS");
        }

        @Test
        void patchWithNullClearsTheDescriptionAndTheResponsibilities() {
            long id = createTeam(
                            admin.token(),
                            Map.of(
                                    "name",
                                    "Clearing " + unique(),
                                    "description",
                                    "goes",
                                    "responsibilities",
                                    List.of("MANAGE_INVENTORY")))
                    .get("id")
                    .asLong();
            Map<String, Object> patch = new HashMap<>();
            patch.put("description", null);
            patch.put("responsibilities", null);

            ApiResponse response =
                    api.patch(TEAMS + "/" + id).token(admin.token()).json(patch).send();

            assertThat(response.status()).as(response.body()).isEqualTo(200);
            assertThat(response.json().get("description").isNull()).isTrue();
            assertThat(response.json().get("responsibilities")).isEmpty();
            assertThat(teamRow(id).get("description")).isNull();
            assertThat(dbResponsibilities(id)).isEmpty();
        }

        @Test
        void invalidChangesAre400AndLeaveTheTeamUnchanged() {
            String name = "Stable " + unique();
            long id = createTeam(
                            admin.token(),
                            Map.of(
                                    "name",
                                    name,
                                    "description",
                                    "same",
                                    "responsibilities",
                                    List.of("MANAGE_INVENTORY")))
                    .get("id")
                    .asLong();
            Map<String, Object> nullName = new HashMap<>();
            nullName.put("name", null);

            ApiResponse patchNullName = api.patch(TEAMS + "/" + id)
                    .token(admin.token())
                    .json(nullName)
                    .send();
            ApiResponse patchBadResponsibility = api.patch(TEAMS + "/" + id)
                    .token(admin.token())
                    .json(Map.of("responsibilities", List.of("manage inventory")))
                    .send();
            ApiResponse putWithoutName = api.put(TEAMS + "/" + id)
                    .token(admin.token())
                    .json(Map.of("description", "changed"))
                    .send();

            assertThat(patchNullName.status()).as(patchNullName.body()).isEqualTo(400);
            assertThat(errorFields(patchNullName)).contains("name");
            assertThat(patchBadResponsibility.status()).isEqualTo(400);
            assertThat(errorFields(patchBadResponsibility)).containsExactly("responsibilities");
            assertThat(putWithoutName.status()).isEqualTo(400);
            assertThat(errorFields(putWithoutName)).contains("name");
            assertThat(teamRow(id)).containsEntry("name", name).containsEntry("description", "same");
            assertThat(dbResponsibilities(id)).containsExactly("MANAGE_INVENTORY");
        }

        @Test
        void changingAnUnknownTeamIs404() {
            assertThat(status(api.put(TEAMS + "/999999999").token(admin.token()).json(Map.of("name", "Ghost"))))
                    .isEqualTo(404);
            assertThat(status(
                            api.patch(TEAMS + "/999999999").token(admin.token()).json(Map.of("name", "Ghost"))))
                    .isEqualTo(404);
            assertThat(teamsNamed(organization, "ghost")).isZero();
        }
    }

    @Nested
    class Delete {

        @Test
        void deletingATeamWithMembersRemovesItsMembershipsButKeepsTheStaffActive() {
            long team = createTeam(admin.token(), Map.of("name", "Doomed " + unique()))
                    .get("id")
                    .asLong();
            long first = newStaff(organization);
            long second = newStaff(organization);
            addMembers(admin.token(), team, List.of(first, second));
            assertThat(memberRows(team)).containsExactlyInAnyOrder(first, second);

            ApiResponse response =
                    api.delete(TEAMS + "/" + team).token(admin.token()).send();

            assertThat(response.status()).as(response.body()).isEqualTo(204);
            assertThat(teamExists(team)).isFalse();
            assertThat(memberRows(team)).isEmpty();
            for (long staff : List.of(first, second)) {
                assertThat(jdbc.sql("select is_active from staff where id = :id")
                                .param("id", staff)
                                .query(Boolean.class)
                                .single())
                        .isTrue();
                JsonNode representation = staff(admin.token(), staff);
                assertThat(representation.get("teams")).isEmpty();
            }
            assertThat(status(api.get(TEAMS + "/" + team).token(admin.token()))).isEqualTo(404);
            assertThat(ids(list("member=" + first))).isEmpty();
        }

        @Test
        void deletingOneTeamLeavesTheStaffsOtherTeams() {
            long staff = newStaff(organization);
            JsonNode kept = createTeam(admin.token(), Map.of("name", "Kept " + unique()));
            long gone = createTeam(admin.token(), Map.of("name", "Gone " + unique()))
                    .get("id")
                    .asLong();
            addMember(admin.token(), kept.get("id").asLong(), staff);
            addMember(admin.token(), gone, staff);

            assertThat(status(api.delete(TEAMS + "/" + gone).token(admin.token())))
                    .isEqualTo(204);

            JsonNode teams = staff(admin.token(), staff).get("teams");
            assertThat(teams).hasSize(1);
            assertThat(teams.get(0).get("id").asLong()).isEqualTo(kept.get("id").asLong());
            assertThat(teams.get(0).get("name")).isEqualTo(kept.get("name"));
            assertThat(memberRows(kept.get("id").asLong())).containsExactly(staff);
        }

        @Test
        void deletingAgainOrAnUnknownTeamIs404() {
            long team = createTeam(admin.token(), Map.of("name", "Once " + unique()))
                    .get("id")
                    .asLong();

            assertThat(status(api.delete(TEAMS + "/" + team).token(admin.token())))
                    .isEqualTo(204);
            assertThat(status(api.delete(TEAMS + "/" + team).token(admin.token())))
                    .isEqualTo(404);
            assertThat(status(api.delete(TEAMS + "/999999999").token(admin.token())))
                    .isEqualTo(404);
        }

        @Test
        void aDeletedTeamsNameCanBeUsedAgain() {
            long team = createTeam(admin.token(), Map.of("name", "Recycled"))
                    .get("id")
                    .asLong();
            assertThat(status(api.delete(TEAMS + "/" + team).token(admin.token())))
                    .isEqualTo(204);

            JsonNode again = createTeam(admin.token(), Map.of("name", "recycled"));

            assertThat(again.get("id").asLong()).isNotEqualTo(team);
            assertThat(teamsNamed(organization, "recycled")).isEqualTo(1);
        }
    }

    @Nested
    class Responsibilities {

        @Test
        void listsThePredefinedResponsibilitiesWithADescriptionEach() {
            Member reader = member(organization, "member");

            ApiResponse response =
                    api.get(TEAMS + "/responsibilities").token(reader.token()).send();

            assertThat(response.status()).isEqualTo(200);
            JsonNode body = response.json();
            assertThat(body.isArray()).isTrue();
            List<String> names = new ArrayList<>();
            for (JsonNode responsibility : body) {
                assertThat(responsibility.propertyNames()).containsExactlyInAnyOrder("name", "description");
                assertThat(responsibility.get("description").asString()).isNotBlank();
                names.add(responsibility.get("name").asString());
            }
            assertThat(names).containsAll(REQUIRED_PREDEFINED).doesNotHaveDuplicates();
            assertThat(names).allMatch(name -> name.matches("^[A-Z][A-Z0-9_]{1,63}$"));
        }

        @Test
        void customUpperCaseResponsibilitiesAreAcceptedUpToSixtyFourCharacters() {
            String longest = "R" + "_".repeat(62) + "9";
            assertThat(longest).hasSize(64);

            JsonNode team = createTeam(
                    admin.token(),
                    Map.of(
                            "name",
                            "Custom " + unique(),
                            "responsibilities",
                            List.of("REVIEW_PRESCRIPTIONS", "AB", longest, "PROCESS_REFILL_REQUESTS")));

            assertThat(strings(team.get("responsibilities")))
                    .containsExactly("REVIEW_PRESCRIPTIONS", "AB", longest, "PROCESS_REFILL_REQUESTS");
            assertThat(dbResponsibilities(team.get("id").asLong()))
                    .containsExactly("REVIEW_PRESCRIPTIONS", "AB", longest, "PROCESS_REFILL_REQUESTS");
            assertThat(ids(list("responsibility=REVIEW_PRESCRIPTIONS")))
                    .containsExactly(team.get("id").asLong());
        }

        @ParameterizedTest
        @MethodSource("com.staffkit.team.TeamApiTests#invalidResponsibilities")
        void anInvalidResponsibilityIs400NamingTheValueAndCreatesNothing(String invalid) {
            ApiResponse response = api.post(TEAMS)
                    .token(admin.token())
                    .json(Map.of(
                            "name", "Invalid " + unique(), "responsibilities", List.of("MANAGE_INVENTORY", invalid)))
                    .send();

            assertThat(response.status()).as(response.body()).isEqualTo(400);
            JsonNode body = response.json();
            assertThat(body.get("errors").get(0).get("field").asString()).isEqualTo("responsibilities");
            assertThat(body.get("detail").asString() + " "
                            + body.get("errors").get(0).get("message").asString())
                    .contains(invalid);
            assertThat(body.get("errors").get(0).get("message").asString()).doesNotContain("MANAGE_INVENTORY");
            assertThat(teamCount(organization)).isZero();
        }

        @Test
        void everyBadValueIsNamedWhenSeveralAreInvalid() {
            ApiResponse response = api.put(TEAMS + "/"
                            + createTeam(admin.token(), Map.of("name", "Several " + unique()))
                                    .get("id")
                                    .asLong())
                    .token(admin.token())
                    .json(Map.of(
                            "name",
                            "Several",
                            "responsibilities",
                            List.of("bad one", "REVIEW_COVERAGES", "lower_case_value")))
                    .send();

            assertThat(response.status()).isEqualTo(400);
            assertThat(response.json().get("detail").asString())
                    .contains("bad one")
                    .contains("lower_case_value");
        }
    }

    @Nested
    class Membership {

        @Test
        void addingAMemberIsIdempotentAndShowsEverywhere() {
            JsonNode team = createTeam(admin.token(), Map.of("name", "Joined " + unique()));
            long id = team.get("id").asLong();
            long staff = newStaff(organization);

            ApiResponse first = api.put(TEAMS + "/" + id + "/members/" + staff)
                    .token(admin.token())
                    .send();
            ApiResponse second = api.put(TEAMS + "/" + id + "/members/" + staff)
                    .token(admin.token())
                    .send();

            assertThat(first.status()).as(first.body()).isEqualTo(204);
            assertThat(second.status()).as(second.body()).isEqualTo(204);
            assertThat(memberRows(id)).containsExactly(staff);
            assertThat(jdbc.sql("select organization_id from team_members where team_id = :id")
                            .param("id", id)
                            .query(Long.class)
                            .single())
                    .isEqualTo(organization);
            assertThat(team(admin.token(), id).get("member_count").asLong()).isEqualTo(1);

            JsonNode members = api.get(TEAMS + "/" + id + "/members")
                    .token(admin.token())
                    .send()
                    .json();
            assertThat(members.get("count").asLong()).isEqualTo(1);
            assertThat(members.get("results").get(0).get("id").asLong()).isEqualTo(staff);

            JsonNode teams = staff(admin.token(), staff).get("teams");
            assertThat(teams).hasSize(1);
            assertThat(teams.get(0).propertyNames()).containsExactlyInAnyOrder("id", "name");
            assertThat(teams.get(0).get("id").asLong()).isEqualTo(id);
            assertThat(teams.get(0).get("name")).isEqualTo(team.get("name"));
        }

        @Test
        void removingAMemberIsIdempotent() {
            long id = createTeam(admin.token(), Map.of("name", "Left " + unique()))
                    .get("id")
                    .asLong();
            long staff = newStaff(organization);
            long stays = newStaff(organization);
            addMembers(admin.token(), id, List.of(staff, stays));

            ApiResponse first = api.delete(TEAMS + "/" + id + "/members/" + staff)
                    .token(admin.token())
                    .send();
            ApiResponse second = api.delete(TEAMS + "/" + id + "/members/" + staff)
                    .token(admin.token())
                    .send();

            assertThat(first.status()).as(first.body()).isEqualTo(204);
            assertThat(second.status()).as(second.body()).isEqualTo(204);
            assertThat(memberRows(id)).containsExactly(stays);
            assertThat(team(admin.token(), id).get("member_count").asLong()).isEqualTo(1);
            assertThat(staff(admin.token(), staff).get("teams")).isEmpty();
            assertThat(jdbc.sql("select count(*) from staff where id = :id and is_active")
                            .param("id", staff)
                            .query(Long.class)
                            .single())
                    .isEqualTo(1);
        }

        @Test
        void membersListAndMemberCountShowActiveMembersUnlessInactiveAreAskedFor() {
            long id = createTeam(admin.token(), Map.of("name", "Mixed " + unique()))
                    .get("id")
                    .asLong();
            long active = newStaff(organization);
            long inactive = newStaff(organization);
            addMembers(admin.token(), id, List.of(active, inactive));
            assertThat(status(api.delete("/api/v1/staffs/" + inactive).token(superadminToken())))
                    .isEqualTo(204);

            JsonNode activeOnly = api.get(TEAMS + "/" + id + "/members")
                    .token(admin.token())
                    .send()
                    .json();
            JsonNode everyone = api.get(TEAMS + "/" + id + "/members?include_inactive=true")
                    .token(admin.token())
                    .send()
                    .json();

            assertThat(ids(activeOnly)).containsExactly(active);
            assertThat(activeOnly.get("count").asLong()).isEqualTo(1);
            assertThat(ids(everyone)).containsExactlyInAnyOrder(active, inactive);
            assertThat(everyone.get("count").asLong()).isEqualTo(2);
            assertThat(team(admin.token(), id).get("member_count").asLong()).isEqualTo(1);
            assertThat(list("member=" + active)
                            .get("results")
                            .get(0)
                            .get("member_count")
                            .asLong())
                    .isEqualTo(1);
            assertThat(memberRows(id)).containsExactlyInAnyOrder(active, inactive);
        }

        @Test
        void membersListIsPaginatedStaffRepresentations() {
            long id = createTeam(admin.token(), Map.of("name", "Big " + unique()))
                    .get("id")
                    .asLong();
            List<Long> staff = List.of(newStaff(organization), newStaff(organization), newStaff(organization));
            addMembers(admin.token(), id, staff);

            JsonNode first = api.get(TEAMS + "/" + id + "/members?page_size=2")
                    .token(admin.token())
                    .send()
                    .json();

            assertThat(first.get("count").asLong()).isEqualTo(3);
            assertThat(first.get("results")).hasSize(2);
            assertThat(first.get("previous").isNull()).isTrue();
            JsonNode member = first.get("results").get(0);
            assertThat(member.propertyNames()).contains("id", "first_name", "last_name", "email", "teams");
            assertThat(member.propertyNames()).doesNotContain("password", "password_hash");
            String next = first.get("next").asString();
            assertThat(next).contains("page=2");
            JsonNode second = api.get(next).token(admin.token()).send().json();
            List<Long> seen = new ArrayList<>(ids(first));
            seen.addAll(ids(second));
            assertThat(seen).containsExactlyInAnyOrderElementsOf(staff);
        }

        @Test
        void staffCanBeFilteredByTeam() {
            long id = createTeam(admin.token(), Map.of("name", "Filtered " + unique()))
                    .get("id")
                    .asLong();
            long in = newStaff(organization);
            long alsoIn = newStaff(organization);
            newStaff(organization);
            addMembers(admin.token(), id, List.of(in, alsoIn));

            ApiResponse response =
                    api.get("/api/v1/staffs/?team=" + id).token(admin.token()).send();
            ApiResponse empty = api.get("/api/v1/staffs/?team="
                            + createTeam(admin.token(), Map.of("name", "Empty " + unique()))
                                    .get("id")
                                    .asLong())
                    .token(admin.token())
                    .send();

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.json().get("count").asLong()).isEqualTo(2);
            assertThat(ids(response.json())).containsExactlyInAnyOrder(in, alsoIn);
            assertThat(empty.json().get("count").asLong()).isZero();
        }

        @Test
        void aStaffMembersTeamsAreListedByName() {
            long staff = newStaff(organization);
            long zulu = createTeam(admin.token(), Map.of("name", "Zulu " + unique()))
                    .get("id")
                    .asLong();
            long alpha = createTeam(admin.token(), Map.of("name", "Alpha " + unique()))
                    .get("id")
                    .asLong();
            addMember(admin.token(), zulu, staff);
            addMember(admin.token(), alpha, staff);

            JsonNode teams = staff(admin.token(), staff).get("teams");

            assertThat(teams).hasSize(2);
            assertThat(teams.get(0).get("id").asLong()).isEqualTo(alpha);
            assertThat(teams.get(1).get("id").asLong()).isEqualTo(zulu);
        }

        @Test
        void anUnknownStaffMemberOrTeamIs404AndAddsNothing() {
            long id = createTeam(admin.token(), Map.of("name", "Lonely " + unique()))
                    .get("id")
                    .asLong();
            long staff = newStaff(organization);

            assertThat(status(api.put(TEAMS + "/" + id + "/members/999999999").token(admin.token())))
                    .isEqualTo(404);
            assertThat(status(api.put(TEAMS + "/999999999/members/" + staff).token(admin.token())))
                    .isEqualTo(404);
            assertThat(status(api.delete(TEAMS + "/999999999/members/" + staff).token(admin.token())))
                    .isEqualTo(404);
            assertThat(status(api.get(TEAMS + "/999999999/members").token(admin.token())))
                    .isEqualTo(404);
            assertThat(memberRows(id)).isEmpty();
            assertThat(jdbc.sql("select count(*) from team_members where staff_id = :id")
                            .param("id", staff)
                            .query(Long.class)
                            .single())
                    .isZero();
        }
    }

    @Nested
    class BulkMembership {

        @Test
        void addsSeveralMembersInOneCallAndKeepsExistingOnes() {
            long id = createTeam(admin.token(), Map.of("name", "Bulk " + unique()))
                    .get("id")
                    .asLong();
            long existing = newStaff(organization);
            long first = newStaff(organization);
            long second = newStaff(organization);
            addMember(admin.token(), id, existing);

            ApiResponse response = api.post(TEAMS + "/" + id + "/members")
                    .token(admin.token())
                    .json(Map.of("staff_ids", List.of(first, existing, second, first)))
                    .send();

            assertThat(response.status()).as(response.body()).isEqualTo(204);
            assertThat(memberRows(id)).containsExactlyInAnyOrder(existing, first, second);
            assertThat(team(admin.token(), id).get("member_count").asLong()).isEqualTo(3);
        }

        @Test
        void oneUnknownIdRejectsTheWholeBatchListingTheBadIds() {
            long id = createTeam(admin.token(), Map.of("name", "Atomic " + unique()))
                    .get("id")
                    .asLong();
            long good = newStaff(organization);
            long alsoGood = newStaff(organization);

            ApiResponse response = api.post(TEAMS + "/" + id + "/members")
                    .token(admin.token())
                    .json(Map.of("staff_ids", List.of(good, 999999991L, alsoGood, 999999992L)))
                    .send();

            assertThat(response.status()).as(response.body()).isEqualTo(400);
            JsonNode body = response.json();
            assertThat(body.get("errors").get(0).get("field").asString()).isEqualTo("staff_ids");
            assertThat(body.get("detail").asString())
                    .contains("999999991")
                    .contains("999999992")
                    .doesNotContain(String.valueOf(good));
            assertThat(memberRows(id)).isEmpty();
            assertThat(team(admin.token(), id).get("member_count").asLong()).isZero();
        }

        @Test
        void staffOfAnotherOrganizationRejectsTheWholeBatchEvenForASuperadmin() {
            long id = createTeam(admin.token(), Map.of("name", "Mine Only " + unique()))
                    .get("id")
                    .asLong();
            long mine = newStaff(organization);
            long foreign = newStaff(newOrganization("Foreign Pharmacy"));

            for (String token : List.of(admin.token(), superadminToken())) {
                ApiResponse response = api.post(TEAMS + "/" + id + "/members")
                        .token(token)
                        .json(Map.of("staff_ids", List.of(mine, foreign)))
                        .send();

                assertThat(response.status()).as(response.body()).isEqualTo(400);
                assertThat(response.json().get("detail").asString()).contains(String.valueOf(foreign));
            }
            assertThat(memberRows(id)).isEmpty();
            assertThat(jdbc.sql("select count(*) from team_members where staff_id = :id")
                            .param("id", foreign)
                            .query(Long.class)
                            .single())
                    .isZero();
        }

        @Test
        void anEmptyMissingOrMalformedListIs400() {
            long id = createTeam(admin.token(), Map.of("name", "Picky " + unique()))
                    .get("id")
                    .asLong();

            ApiResponse empty = api.post(TEAMS + "/" + id + "/members")
                    .token(admin.token())
                    .json(Map.of("staff_ids", List.of()))
                    .send();
            ApiResponse missing = api.post(TEAMS + "/" + id + "/members")
                    .token(admin.token())
                    .json(Map.of())
                    .send();
            ApiResponse withNull = api.post(TEAMS + "/" + id + "/members")
                    .token(admin.token())
                    .json("{\"staff_ids\": [null]}")
                    .send();
            ApiResponse notNumbers = api.post(TEAMS + "/" + id + "/members")
                    .token(admin.token())
                    .json("{\"staff_ids\": [\"abc\"]}")
                    .send();

            assertThat(empty.status()).as(empty.body()).isEqualTo(400);
            assertThat(errorFields(empty)).contains("staff_ids");
            assertThat(missing.status()).as(missing.body()).isEqualTo(400);
            assertThat(withNull.status()).as(withNull.body()).isEqualTo(400);
            assertThat(notNumbers.status()).as(notNumbers.body()).isEqualTo(400);
            assertThat(memberRows(id)).isEmpty();
        }

        @Test
        void bulkAddingToAnUnknownTeamIs404() {
            long staff = newStaff(organization);

            ApiResponse response = api.post(TEAMS + "/999999999/members")
                    .token(admin.token())
                    .json(Map.of("staff_ids", List.of(staff)))
                    .send();

            assertThat(response.status()).isEqualTo(404);
            assertThat(jdbc.sql("select count(*) from team_members where staff_id = :id")
                            .param("id", staff)
                            .query(Long.class)
                            .single())
                    .isZero();
        }
    }

    @Nested
    class TenantIsolation {

        private long otherOrganization;
        private Member otherAdmin;
        private JsonNode foreignTeam;
        private long foreignStaff;

        @BeforeEach
        void anotherOrganizationWithATeamAndAMember() {
            otherOrganization = newOrganization("Beta Pharmacy");
            otherAdmin = member(otherOrganization, "admin");
            foreignTeam = createTeam(
                    otherAdmin.token(),
                    Map.of(
                            "name",
                            "Foreign Team " + unique(),
                            "description",
                            "theirs",
                            "responsibilities",
                            List.of("MANAGE_INVENTORY")));
            foreignStaff = newStaff(otherOrganization);
            addMember(otherAdmin.token(), foreignTeam.get("id").asLong(), foreignStaff);
        }

        @Test
        void anotherOrganizationsTeamIs404OnEveryEndpointAndChangesNothing() {
            long id = foreignTeam.get("id").asLong();
            long ownStaff = newStaff(organization);
            String team = TEAMS + "/" + id;
            ApiResponse missing =
                    api.get(TEAMS + "/999999999").token(admin.token()).send();

            ApiResponse get = api.get(team).token(admin.token()).send();
            assertThat(get.status()).isEqualTo(404);
            assertThat(get.json().get("title")).isEqualTo(missing.json().get("title"));
            assertThat(get.body()).doesNotContain(foreignTeam.get("name").asString());
            assertThat(status(api.put(team).token(admin.token()).json(Map.of("name", "Hijacked"))))
                    .isEqualTo(404);
            assertThat(status(api.patch(team).token(admin.token()).json(Map.of("description", "hijacked"))))
                    .isEqualTo(404);
            assertThat(status(api.get(team + "/members").token(admin.token()))).isEqualTo(404);
            assertThat(status(api.put(team + "/members/" + ownStaff).token(admin.token())))
                    .isEqualTo(404);
            assertThat(status(api.put(team + "/members/" + foreignStaff).token(admin.token())))
                    .isEqualTo(404);
            assertThat(status(api.delete(team + "/members/" + foreignStaff).token(admin.token())))
                    .isEqualTo(404);
            assertThat(status(api.post(team + "/members")
                            .token(admin.token())
                            .json(Map.of("staff_ids", List.of(ownStaff)))))
                    .isEqualTo(404);
            assertThat(status(api.delete(team).token(admin.token()))).isEqualTo(404);

            assertThat(teamRow(id))
                    .containsEntry("name", foreignTeam.get("name").asString())
                    .containsEntry("description", "theirs");
            assertThat(memberRows(id)).containsExactly(foreignStaff);
        }

        @Test
        void listsAndFiltersNeverShowAnotherOrganizationsTeams() {
            String name = foreignTeam.get("name").asString();
            createTeam(admin.token(), Map.of("name", "Own Team " + unique()));

            JsonNode everything = list("page_size=1000");
            assertThat(everything.get("count").asLong()).isEqualTo(1);
            assertThat(list("name=" + name.replace(" ", "%20")).get("count").asLong())
                    .isZero();
            assertThat(list("search=foreign%20team").get("count").asLong()).isZero();
            assertThat(list("member=" + foreignStaff).get("count").asLong()).isZero();
            assertThat(list("responsibility=MANAGE_INVENTORY").get("count").asLong())
                    .isZero();
            assertThat(list("organization=" + otherOrganization).get("count").asLong())
                    .isZero();
            assertThat(api.get("/api/v1/staffs/?team=" + foreignTeam.get("id").asLong())
                            .token(admin.token())
                            .send()
                            .json()
                            .get("count")
                            .asLong())
                    .isZero();
        }

        @Test
        void anOrganizationAdminCannotJoinAnotherOrganizationsStaffToItsTeam() {
            long own = createTeam(admin.token(), Map.of("name", "Closed " + unique()))
                    .get("id")
                    .asLong();

            ApiResponse put = api.put(TEAMS + "/" + own + "/members/" + foreignStaff)
                    .token(admin.token())
                    .send();
            ApiResponse bulk = api.post(TEAMS + "/" + own + "/members")
                    .token(admin.token())
                    .json(Map.of("staff_ids", List.of(foreignStaff)))
                    .send();

            assertThat(put.status()).as(put.body()).isEqualTo(404);
            assertThat(bulk.status()).as(bulk.body()).isEqualTo(400);
            assertThat(memberRows(own)).isEmpty();
            assertThat(team(admin.token(), own).get("member_count").asLong()).isZero();
        }

        @Test
        void aSuperadminCannotJoinATeamAndAStaffMemberOfDifferentOrganizations() {
            long own = createTeam(admin.token(), Map.of("name", "Segregated " + unique()))
                    .get("id")
                    .asLong();

            ApiResponse put = api.put(TEAMS + "/" + own + "/members/" + foreignStaff)
                    .token(superadminToken())
                    .send();
            ApiResponse bulk = api.post(TEAMS + "/" + own + "/members")
                    .token(superadminToken())
                    .json(Map.of("staff_ids", List.of(foreignStaff)))
                    .send();

            assertThat(put.status()).as(put.body()).isEqualTo(404);
            assertThat(bulk.status()).as(bulk.body()).isEqualTo(400);
            assertThat(bulk.json().get("detail").asString()).contains(String.valueOf(foreignStaff));
            assertThat(memberRows(own)).isEmpty();
            assertThat(staff(superadminToken(), foreignStaff).get("teams")).hasSize(1);
        }

        @Test
        void aSuperadminSeesAndManagesTeamsOfEveryOrganization() {
            long id = foreignTeam.get("id").asLong();
            long another = newStaff(otherOrganization);

            assertThat(team(superadminToken(), id).get("organization").asLong()).isEqualTo(otherOrganization);
            assertThat(status(api.put(TEAMS + "/" + id + "/members/" + another).token(superadminToken())))
                    .isEqualTo(204);
            assertThat(memberRows(id)).containsExactlyInAnyOrder(foreignStaff, another);
        }

        @Test
        void anAdminCannotCreateATeamInAnotherOrganization() {
            ApiResponse response = api.post(TEAMS)
                    .token(admin.token())
                    .json(Map.of("organization", otherOrganization, "name", "Planted " + unique()))
                    .send();

            assertThat(response.status()).isEqualTo(400);
            assertThat(teamCount(otherOrganization)).isEqualTo(1);
            assertThat(teamCount(organization)).isZero();
        }
    }

    @Nested
    class Access {

        @Test
        void withoutATokenEveryEndpointIs401() {
            long id = createTeam(admin.token(), Map.of("name", "Guarded " + unique()))
                    .get("id")
                    .asLong();
            long staff = newStaff(organization);

            assertThat(status(api.get(TEAMS))).isEqualTo(401);
            assertThat(status(api.get(TEAMS + "/responsibilities"))).isEqualTo(401);
            assertThat(status(api.get(TEAMS + "/" + id))).isEqualTo(401);
            assertThat(status(api.post(TEAMS).json(Map.of("name", "Anonymous"))))
                    .isEqualTo(401);
            assertThat(status(api.put(TEAMS + "/" + id).json(Map.of("name", "Anonymous"))))
                    .isEqualTo(401);
            assertThat(status(api.patch(TEAMS + "/" + id).json(Map.of("name", "Anonymous"))))
                    .isEqualTo(401);
            assertThat(status(api.delete(TEAMS + "/" + id))).isEqualTo(401);
            assertThat(status(api.get(TEAMS + "/" + id + "/members"))).isEqualTo(401);
            assertThat(status(api.put(TEAMS + "/" + id + "/members/" + staff))).isEqualTo(401);
            assertThat(status(api.delete(TEAMS + "/" + id + "/members/" + staff)))
                    .isEqualTo(401);
            assertThat(status(api.post(TEAMS + "/" + id + "/members").json(Map.of("staff_ids", List.of(staff)))))
                    .isEqualTo(401);
            assertThat(teamsNamed(organization, "anonymous")).isZero();
            assertThat(memberRows(id)).isEmpty();
        }

        @Test
        void aMemberReadsTeamsButCannotChangeThem() {
            Member reader = member(organization, "member");
            JsonNode team = createTeam(admin.token(), Map.of("name", "Read Only " + unique(), "description", "same"));
            long id = team.get("id").asLong();
            long staff = newStaff(organization);
            addMember(admin.token(), id, staff);

            assertThat(status(api.get(TEAMS).token(reader.token()))).isEqualTo(200);
            assertThat(status(api.get(TEAMS + "/" + id).token(reader.token()))).isEqualTo(200);
            assertThat(status(api.get(TEAMS + "/" + id + "/members").token(reader.token())))
                    .isEqualTo(200);
            assertThat(status(api.get(TEAMS + "/responsibilities").token(reader.token())))
                    .isEqualTo(200);

            assertThat(status(api.post(TEAMS).token(reader.token()).json(Map.of("name", "Sneaky"))))
                    .isEqualTo(403);
            assertThat(status(api.put(TEAMS + "/" + id).token(reader.token()).json(Map.of("name", "Sneaky"))))
                    .isEqualTo(403);
            assertThat(status(api.patch(TEAMS + "/" + id).token(reader.token()).json(Map.of("description", "x"))))
                    .isEqualTo(403);
            assertThat(status(api.delete(TEAMS + "/" + id).token(reader.token())))
                    .isEqualTo(403);
            assertThat(status(api.put(TEAMS + "/" + id + "/members/" + reader.id())
                            .token(reader.token())))
                    .isEqualTo(403);
            assertThat(status(api.delete(TEAMS + "/" + id + "/members/" + staff).token(reader.token())))
                    .isEqualTo(403);
            assertThat(status(api.post(TEAMS + "/" + id + "/members")
                            .token(reader.token())
                            .json(Map.of("staff_ids", List.of(reader.id())))))
                    .isEqualTo(403);

            assertThat(teamsNamed(organization, "sneaky")).isZero();
            assertThat(teamRow(id))
                    .containsEntry("name", team.get("name").asString())
                    .containsEntry("description", "same");
            assertThat(memberRows(id)).containsExactly(staff);
        }

        @Test
        void managersAdminsAndOwnersChangeTeamsAndMembership() {
            for (String role : List.of("manager", "admin", "owner")) {
                Member writer = member(organization, role);
                long staff = newStaff(organization);

                ApiResponse created = api.post(TEAMS)
                        .token(writer.token())
                        .json(Map.of("name", "By " + role + " " + unique()))
                        .send();
                assertThat(created.status()).as(role + " " + created.body()).isEqualTo(201);
                long id = created.json().get("id").asLong();
                assertThat(status(api.patch(TEAMS + "/" + id)
                                .token(writer.token())
                                .json(Map.of("description", role))))
                        .as(role)
                        .isEqualTo(200);
                assertThat(status(
                                api.put(TEAMS + "/" + id + "/members/" + staff).token(writer.token())))
                        .as(role)
                        .isEqualTo(204);
                assertThat(memberRows(id)).as(role).containsExactly(staff);
                assertThat(status(api.delete(TEAMS + "/" + id).token(writer.token())))
                        .as(role)
                        .isEqualTo(204);
                assertThat(teamExists(id)).as(role).isFalse();
            }
        }

        @Test
        void aWorkerWithoutPermissionsCannotEvenRead() {
            long id = createTeam(admin.token(), Map.of("name", "Hidden " + unique()))
                    .get("id")
                    .asLong();
            Member noPermissions = memberWithRoleWithoutTeamPermissions();

            assertThat(status(api.get(TEAMS).token(noPermissions.token()))).isEqualTo(403);
            assertThat(status(api.get(TEAMS + "/" + id).token(noPermissions.token())))
                    .isEqualTo(403);
            assertThat(status(api.get(TEAMS + "/responsibilities").token(noPermissions.token())))
                    .isEqualTo(403);
        }

        /** A custom role with staff:read only: authenticated, but without teams:read. */
        private Member memberWithRoleWithoutTeamPermissions() {
            String roleName = "staff-reader-" + unique();
            ApiResponse role = api.post("/api/v1/roles")
                    .token(admin.token())
                    .json(Map.of("name", roleName, "permissions", List.of("staff:read")))
                    .send();
            assertThat(role.status()).as(role.body()).isEqualTo(201);
            return member(organization, roleName);
        }
    }

    /** Not custom names: spaces, too short, a leading digit, lower case, a dash, a leading underscore, 65 characters. */
    static Stream<String> invalidResponsibilities() {
        String sixtyFive = "R" + "_".repeat(63) + "9";
        assertThat(sixtyFive).hasSize(65);
        return Stream.of(
                "review prescriptions",
                "X",
                "1ABC",
                "Review_Prescriptions",
                "REVIEW-PRESCRIPTIONS",
                "_REVIEW",
                sixtyFive);
    }

    // --- helpers -------------------------------------------------------------------------------

    private JsonNode createTeam(String token, Map<String, Object> fields) {
        return api.post(TEAMS).token(token).json(fields).send().json(201);
    }

    private JsonNode team(String token, long id) {
        return api.get(TEAMS + "/" + id).token(token).send().json(200);
    }

    private JsonNode staff(String token, long id) {
        return api.get("/api/v1/staffs/" + id).token(token).send().json(200);
    }

    /** The admin's list of teams with this query string. */
    private JsonNode list(String query) {
        return api.get(TEAMS + "?" + query).token(admin.token()).send().json(200);
    }

    private void addMember(String token, long team, long staff) {
        ApiResponse response =
                api.put(TEAMS + "/" + team + "/members/" + staff).token(token).send();
        assertThat(response.status()).as(response.body()).isEqualTo(204);
    }

    private void addMembers(String token, long team, List<Long> staff) {
        ApiResponse response = api.post(TEAMS + "/" + team + "/members")
                .token(token)
                .json(Map.of("staff_ids", staff))
                .send();
        assertThat(response.status()).as(response.body()).isEqualTo(204);
    }

    /** A staff member without login in the organization, created through the API; returns its id. */
    private long newStaff(long organizationId) {
        return createStaff(Map.of(
                        "organization",
                        organizationId,
                        "first_name",
                        "Teammate",
                        "last_name",
                        "Number " + unique(),
                        "email",
                        uniqueEmail("teammate")))
                .get("id")
                .asLong();
    }

    private static int status(Api.Request request) {
        return request.send().status();
    }

    private Map<String, Object> teamRow(long id) {
        return jdbc.sql("select organization_id, name, description from teams where id = :id")
                .param("id", id)
                .query()
                .singleRow();
    }

    private List<String> dbResponsibilities(long id) {
        return jdbc.sql("select unnest(responsibilities) from teams where id = :id")
                .param("id", id)
                .query(String.class)
                .list();
    }

    private boolean teamExists(long id) {
        return jdbc.sql("select count(*) from teams where id = :id")
                        .param("id", id)
                        .query(Long.class)
                        .single()
                > 0;
    }

    private long teamCount(long organizationId) {
        return jdbc.sql("select count(*) from teams where organization_id = :org")
                .param("org", organizationId)
                .query(Long.class)
                .single();
    }

    private long teamsNamed(long organizationId, String name) {
        return jdbc.sql("select count(*) from teams where organization_id = :org and lower(name) = lower(:name)")
                .param("org", organizationId)
                .param("name", name)
                .query(Long.class)
                .single();
    }

    private List<Long> memberRows(long team) {
        return jdbc.sql("select staff_id from team_members where team_id = :team order by staff_id")
                .param("team", team)
                .query(Long.class)
                .list();
    }
}
