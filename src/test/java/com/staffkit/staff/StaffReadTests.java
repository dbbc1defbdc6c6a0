package com.staffkit.staff;

import static com.staffkit.support.Json.ids;
import static com.staffkit.support.Json.strings;
import static org.assertj.core.api.Assertions.assertThat;

import com.staffkit.support.ApiResponse;
import com.staffkit.support.IntegrationTest;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The read side of {@code /api/v1/staffs}: representation, list, filters, search, ordering and lookups. */
class StaffReadTests extends IntegrationTest {

    private static final String STAFFS = "/api/v1/staffs/";

    /** Every field of the staff representation, exactly: clients depend on this shape. */
    private static final List<String> REPRESENTATION_FIELDS = List.of(
            "id",
            "key",
            "organization",
            "username",
            "email",
            "first_name",
            "last_name",
            "full_name",
            "job_title",
            "phone",
            "mobile_phone",
            "time_zone",
            "avatar_url",
            "roles",
            "is_active",
            "has_activated",
            "remote_id",
            "attributes",
            "tags",
            "retail_stores",
            "full_store_access",
            "current_store",
            "teams",
            "last_login",
            "date_joined",
            "created_at",
            "modified_at");

    private static final String UTC_TIMESTAMP = "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z$";

    @Nested
    class Representation {

        @Test
        void getOneReturnsEveryContractFieldWithItsValue() {
            String token = unique();
            String email = uniqueEmail("full");
            String username = "full." + token;
            String remoteId = "remote-" + token;
            JsonNode created = createStaff(fields(
                    "Doe " + token,
                    "first_name",
                    "John",
                    "email",
                    email,
                    "username",
                    username,
                    "job_title",
                    "Store manager",
                    "phone",
                    "+15555551212",
                    "mobile_phone",
                    "+13105551212",
                    "time_zone",
                    "Europe/Istanbul",
                    "avatar_url",
                    "https://example.com/a.png",
                    "remote_id",
                    remoteId,
                    "attributes",
                    Map.of("badge", "A-17", "floor", "2"),
                    "tags",
                    List.of("night-shift", "keyholder"),
                    "roles",
                    List.of("manager"),
                    "password",
                    PASSWORD));
            long id = created.get("id").asLong();

            ApiResponse response = get(STAFFS + id + "/");

            assertThat(response.status()).as(response.body()).isEqualTo(200);
            assertThat(response.contentType()).startsWith("application/json");
            JsonNode staff = response.json();
            assertThat(staff.propertyNames()).containsExactlyInAnyOrderElementsOf(REPRESENTATION_FIELDS);
            assertThat(staff.get("id").isIntegralNumber()).isTrue();
            assertThat(staff.get("id").asLong()).isEqualTo(id);
            assertThat(UUID.fromString(staff.get("key").asString())).isEqualTo(dbKey(id));
            assertThat(staff.get("organization").isIntegralNumber()).isTrue();
            assertThat(staff.get("organization").asLong()).isEqualTo(defaultOrganization());
            assertThat(staff.get("username").asString()).isEqualTo(username);
            assertThat(staff.get("email").asString()).isEqualTo(email);
            assertThat(staff.get("first_name").asString()).isEqualTo("John");
            assertThat(staff.get("last_name").asString()).isEqualTo("Doe " + token);
            assertThat(staff.get("full_name").asString()).isEqualTo("John Doe " + token);
            assertThat(staff.get("job_title").asString()).isEqualTo("Store manager");
            assertThat(staff.get("phone").asString()).isEqualTo("+15555551212");
            assertThat(staff.get("mobile_phone").asString()).isEqualTo("+13105551212");
            assertThat(staff.get("time_zone").asString()).isEqualTo("Europe/Istanbul");
            assertThat(staff.get("avatar_url").asString()).isEqualTo("https://example.com/a.png");
            assertThat(strings(staff.get("roles"))).containsExactly("manager");
            assertThat(staff.get("is_active").asBoolean()).isTrue();
            assertThat(staff.get("has_activated").asBoolean()).isTrue();
            assertThat(staff.get("remote_id").asString()).isEqualTo(remoteId);
            assertThat(staff.get("attributes").isObject()).isTrue();
            assertThat(staff.get("attributes").get("badge").asString()).isEqualTo("A-17");
            assertThat(staff.get("attributes").get("floor").asString()).isEqualTo("2");
            assertThat(staff.get("attributes").size()).isEqualTo(2);
            assertThat(strings(staff.get("tags"))).containsExactlyInAnyOrder("night-shift", "keyholder");
            assertThat(staff.get("retail_stores").isArray()).isTrue();
            assertThat(staff.get("retail_stores").size()).isZero();
            assertThat(staff.get("full_store_access").isBoolean()).isTrue();
            assertThat(staff.get("full_store_access").asBoolean()).isFalse();
            assertThat(staff.get("current_store").isNull()).isTrue();
            assertThat(staff.get("teams").isArray()).isTrue();
            assertThat(staff.get("teams").size()).isZero();
            assertThat(staff.get("last_login").isNull()).isTrue();
            for (String field : List.of("date_joined", "created_at", "modified_at")) {
                assertThat(staff.get(field).asString()).as(field).matches(UTC_TIMESTAMP);
            }
            assertThat(Instant.parse(staff.get("created_at").asString())).isEqualTo(dbInstant(id, "created_at"));
            assertThat(Instant.parse(staff.get("modified_at").asString())).isEqualTo(dbInstant(id, "modified_at"));
            assertThat(Instant.parse(staff.get("date_joined").asString())).isEqualTo(dbInstant(id, "date_joined"));
        }

        @Test
        void staffCreatedWithoutPasswordIsPendingWithDefaultsAndNulls() {
            JsonNode created = createStaff(fields("Pending " + unique()));
            long id = created.get("id").asLong();

            JsonNode staff = get(STAFFS + id).json();

            assertThat(staff.propertyNames()).containsExactlyInAnyOrderElementsOf(REPRESENTATION_FIELDS);
            assertThat(staff.get("has_activated").asBoolean()).isFalse();
            assertThat(staff.get("is_active").asBoolean()).isTrue();
            assertThat(strings(staff.get("roles"))).containsExactly("member");
            for (String field : List.of(
                    "username",
                    "job_title",
                    "phone",
                    "mobile_phone",
                    "time_zone",
                    "avatar_url",
                    "remote_id",
                    "last_login",
                    "current_store")) {
                assertThat(staff.get(field).isNull()).as(field).isTrue();
            }
            assertThat(staff.get("attributes").isObject()).isTrue();
            assertThat(staff.get("attributes").size()).isZero();
            assertThat(staff.get("tags").isArray()).isTrue();
            assertThat(staff.get("tags").size()).isZero();
            assertThat(jdbc.sql("select has_activated from staff where id = :id")
                            .param("id", id)
                            .query(Boolean.class)
                            .single())
                    .isFalse();
        }

        @Test
        void lastLoginIsAUtcTimestampOnceTheStaffMemberHasLoggedIn() {
            Member member = member();

            JsonNode staff = get(STAFFS + member.id() + "/").json();

            assertThat(staff.get("last_login").asString()).matches(UTC_TIMESTAMP);
            assertThat(Instant.parse(staff.get("last_login").asString()))
                    .isEqualTo(dbInstant(member.id(), "last_login"));
        }

        @Test
        void neverExposesPasswordOrItsHashAnywhere() {
            String token = unique();
            String email = uniqueEmail("secret");
            long id = createStaff(fields("Secret " + token, "email", email, "password", PASSWORD))
                    .get("id")
                    .asLong();
            String hash = jdbc.sql("select password_hash from staff where id = :id")
                    .param("id", id)
                    .query(String.class)
                    .single();
            assertThat(hash).isNotBlank();

            List<ApiResponse> responses = List.of(
                    get(STAFFS + id + "/"),
                    get(STAFFS + "?search=" + enc(token)),
                    get(STAFFS + "lookup?email=" + enc(email)),
                    get(STAFFS + "service-user"));

            for (ApiResponse response : responses) {
                assertThat(response.status()).as(response.body()).isEqualTo(200);
                assertThat(allPropertyNames(response.json()))
                        .noneMatch(name -> name.toLowerCase().contains("password"))
                        .noneMatch(name -> name.toLowerCase().contains("hash"));
                assertThat(response.body())
                        .doesNotContain(hash)
                        .doesNotContain(PASSWORD)
                        .doesNotContain("$2a$")
                        .doesNotContain("$2b$")
                        .doesNotContain("{bcrypt}");
            }
        }

        @Test
        void listResultsUseTheSameRepresentationAsGetOne() {
            String token = unique();
            long id = createStaff(fields(
                            "Same " + token,
                            "tags",
                            List.of("a"),
                            "attributes",
                            Map.of("k", "v"),
                            "time_zone",
                            "America/New_York"))
                    .get("id")
                    .asLong();

            JsonNode list = get(STAFFS + "?search=" + enc(token)).json();
            JsonNode one = get(STAFFS + id + "/").json();

            assertThat(list.get("results").size()).isEqualTo(1);
            assertThat(list.get("results").get(0)).isEqualTo(one);
        }

        @Test
        void unknownIdIs404Problem() {
            long missing = jdbc.sql("select coalesce(max(id), 0) + 1000000 from staff")
                    .query(Long.class)
                    .single();

            ApiResponse response = get(STAFFS + missing + "/");

            assertThat(response.status()).isEqualTo(404);
            assertThat(response.contentType()).startsWith("application/problem+json");
            JsonNode problem = response.json();
            assertThat(problem.get("type").asString()).isNotBlank();
            assertThat(problem.get("title").asString()).isNotBlank();
            assertThat(problem.get("status").asInt()).isEqualTo(404);
            assertThat(problem.get("detail").asString()).contains(String.valueOf(missing));
        }

        @Test
        void nonNumericIdIs400Problem() {
            for (String id : List.of("abc", "12abc", "1.5")) {
                ApiResponse response = get(STAFFS + id + "/");
                assertThat(response.status()).as(id).isEqualTo(400);
                assertThat(response.contentType()).startsWith("application/problem+json");
                assertThat(response.json().get("status").asInt()).isEqualTo(400);
            }
        }
    }

    @Nested
    class Access {

        @Test
        void everyReadEndpointNeedsAToken() {
            long id = createStaff(fields("NoToken " + unique())).get("id").asLong();
            for (String path : List.of(
                    STAFFS,
                    "/api/v1/staffs",
                    STAFFS + id,
                    STAFFS + id + "/",
                    STAFFS + "lookup?username=anyone",
                    STAFFS + "service-user",
                    STAFFS + "service-user/")) {
                ApiResponse response = api.get(path).send();
                assertThat(response.status()).as(path).isEqualTo(401);
                assertThat(response.contentType()).as(path).startsWith("application/problem+json");
                assertThat(response.body()).as(path).doesNotContain("NoToken");
            }
        }

        @Test
        void memberManagerAdminAndOwnerMayRead() {
            long organization = newOrganization("Readers");
            long target = member(organization, "member").id();
            for (String role : List.of("member", "manager", "admin", "owner")) {
                Member reader = member(organization, role);
                ApiResponse list = api.get(STAFFS).token(reader.token()).send();
                assertThat(list.status()).as(role + " " + list.body()).isEqualTo(200);
                assertThat(ids(list.json())).as(role).contains(target, reader.id());
                ApiResponse one =
                        api.get(STAFFS + target + "/").token(reader.token()).send();
                assertThat(one.status()).as(role).isEqualTo(200);
                assertThat(api.get(STAFFS + "service-user")
                                .token(reader.token())
                                .send()
                                .status())
                        .as(role)
                        .isEqualTo(200);
            }
        }

        @Test
        void workerCannotLogInSoCannotRead() {
            String email = uniqueEmail("worker");
            createStaff(fields("Worker " + unique(), "email", email, "roles", List.of("worker"), "password", PASSWORD));

            ApiResponse login = api.post("/api/v1/auth/login")
                    .json(Map.of("username", email, "password", PASSWORD))
                    .send();

            assertThat(login.status()).isEqualTo(401);
        }

        @Test
        void staffOfAnotherOrganizationIsInvisible() {
            long mine = newOrganization("Mine");
            long theirs = newOrganization("Theirs");
            Member admin = member(mine, "admin");
            String token = unique();
            JsonNode other = createStaff(fields(
                    "Other " + token, "organization", theirs, "remote_id", "r-" + token, "username", "u" + token));

            ApiResponse one = api.get(STAFFS + other.get("id").asLong())
                    .token(admin.token())
                    .send();
            ApiResponse list = api.get(STAFFS + "?include_inactive=true&search=" + enc(token))
                    .token(admin.token())
                    .send();
            ApiResponse lookup = api.get(STAFFS + "lookup?remote_id=" + enc("r-" + token))
                    .token(admin.token())
                    .send();

            assertThat(one.status()).isEqualTo(404);
            assertThat(list.status()).isEqualTo(200);
            assertThat(list.json().get("count").asLong()).isZero();
            assertThat(lookup.status()).isEqualTo(404);
            assertThat(ids(api.get(STAFFS).token(admin.token()).send().json()))
                    .doesNotContain(other.get("id").asLong());
        }
    }

    @Nested
    class Pagination {

        @Test
        void defaultPageSizeIs20AndNextLinkIsAbsoluteAndLeadsToTheNextPage() {
            String token = unique();
            List<Long> created = createMany(token, 23);

            ApiResponse first = get(STAFFS + "?search=" + enc(token));

            assertThat(first.status()).isEqualTo(200);
            JsonNode page1 = first.json();
            assertThat(page1.propertyNames()).containsExactlyInAnyOrder("count", "next", "previous", "results");
            assertThat(page1.get("count").asLong()).isEqualTo(23);
            assertThat(page1.get("results").size()).isEqualTo(20);
            assertThat(page1.get("previous").isNull()).isTrue();
            String next = page1.get("next").asString();
            assertThat(next).startsWith("http://localhost:" + port + "/api/v1/staffs");
            assertThat(queryParams(next)).containsEntry("page", List.of("2")).containsEntry("search", List.of(token));

            JsonNode page2 = api.get(next).token(superadminToken()).send().json();

            assertThat(page2.get("count").asLong()).isEqualTo(23);
            assertThat(page2.get("results").size()).isEqualTo(3);
            assertThat(page2.get("next").isNull()).isTrue();
            String previous = page2.get("previous").asString();
            assertThat(previous).startsWith("http://localhost:" + port + "/api/v1/staffs");
            List<Long> all = new ArrayList<>(ids(page1));
            all.addAll(ids(page2));
            assertThat(all).containsExactlyElementsOf(created);

            JsonNode back = api.get(previous).token(superadminToken()).send().json();
            assertThat(ids(back)).isEqualTo(ids(page1));
            assertThat(back.get("previous").isNull()).isTrue();
        }

        @Test
        void nextLinksInIdOrderStartAfterTheLastIdSoRowsLeavingEarlierPagesShiftNothing() {
            long organization = newOrganization("Keyset");
            Member admin = member(organization, "admin");
            String url = STAFFS + "?organization=" + organization + "&role=member&page_size=2";
            List<Long> created = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                created.add(createStaff(fields("Keyset " + i, "organization", organization, "roles", List.of("member")))
                        .get("id")
                        .asLong());
            }

            JsonNode first = api.get(url).token(admin.token()).send().json(200);
            assertThat(ids(first)).containsExactly(created.get(0), created.get(1));
            String next = first.get("next").asString();
            assertThat(queryParams(next))
                    .containsEntry("page", List.of("2"))
                    .containsEntry("after", List.of(String.valueOf(created.get(1))));

            // The first row leaves the list: by offset, page 2 would now start at the fourth row.
            jdbc.sql("update staff set is_active = false where id = :id")
                    .param("id", created.getFirst())
                    .update();
            JsonNode second = api.get(next).token(admin.token()).send().json(200);

            assertThat(ids(second)).containsExactly(created.get(2), created.get(3));
            assertThat(second.get("count").asLong())
                    .as("the count follows the data")
                    .isEqualTo(4);
            assertThat(queryParams(second.get("next").asString()))
                    .containsEntry("page", List.of("3"))
                    .containsEntry("after", List.of(String.valueOf(created.get(3))));
            assertThat(queryParams(second.get("previous").asString()))
                    .containsEntry("page", List.of("1"))
                    .doesNotContainKey("after");
            JsonNode last = api.get(second.get("next").asString())
                    .token(admin.token())
                    .send()
                    .json(200);
            assertThat(ids(last)).containsExactly(created.get(4));
            assertThat(last.get("next").isNull()).isTrue();
        }

        @Test
        void afterNeedsTheIdOrderAndANonNegativeId() {
            assertProblemNames(get(STAFFS + "?after=10&ordering=last_name"), "after");
            assertProblemNames(get(STAFFS + "?after=-1"), "after");
            assertProblemNames(get(STAFFS + "?after=10&search=keyset"), "after");
            assertThat(get(STAFFS + "?after=10&ordering=id").status()).isEqualTo(200);
        }

        @Test
        void pagesDoNotOverlapAndFollowingNextVisitsEveryStaffMemberOnce() {
            String token = unique();
            List<Long> created = createMany(token, 7);

            List<Long> seen = new ArrayList<>();
            String url = STAFFS + "?page_size=3&search=" + enc(token);
            int pages = 0;
            while (url != null) {
                JsonNode page = get(url).json();
                assertThat(page.get("count").asLong()).isEqualTo(7);
                assertThat(page.get("results").size()).isLessThanOrEqualTo(3);
                seen.addAll(ids(page));
                url = page.get("next").isNull() ? null : page.get("next").asString();
                pages++;
                assertThat(pages).isLessThanOrEqualTo(3);
            }

            assertThat(pages).isEqualTo(3);
            assertThat(seen).containsExactlyElementsOf(created);
        }

        @Test
        void nextAndPreviousKeepEveryFilter() {
            String token = unique();
            List<Long> wanted = new ArrayList<>();
            for (String role : List.of("manager", "admin", "manager", "admin", "manager")) {
                wanted.add(createStaff(fields("Keep " + token, "roles", List.of(role)))
                        .get("id")
                        .asLong());
            }
            createStaff(fields("Keep " + token, "roles", List.of("member")));
            createStaff(fields("Keep " + token, "roles", List.of("manager"), "is_active", false));
            String query = "?search=" + enc(token) + "&role=manager&role=admin&is_active=true&include_pending=true"
                    + "&ordering=-id&page_size=2&page=2";

            JsonNode middle = get(STAFFS + query).json();

            assertThat(middle.get("count").asLong()).isEqualTo(5);
            assertThat(ids(middle)).containsExactly(wanted.get(2), wanted.get(1));
            for (String link : List.of(
                    middle.get("next").asString(), middle.get("previous").asString())) {
                assertThat(link).startsWith("http://localhost:" + port + "/api/v1/staffs");
                Map<String, List<String>> params = queryParams(link);
                assertThat(params)
                        .containsEntry("search", List.of(token))
                        .containsEntry("is_active", List.of("true"))
                        .containsEntry("include_pending", List.of("true"))
                        .containsEntry("ordering", List.of("-id"))
                        .containsEntry("page_size", List.of("2"));
                assertThat(params.get("role")).containsExactlyInAnyOrder("manager", "admin");
            }
            assertThat(queryParams(middle.get("next").asString())).containsEntry("page", List.of("3"));
            assertThat(queryParams(middle.get("previous").asString())).containsEntry("page", List.of("1"));

            JsonNode last = api.get(middle.get("next").asString())
                    .token(superadminToken())
                    .send()
                    .json();
            JsonNode first = api.get(middle.get("previous").asString())
                    .token(superadminToken())
                    .send()
                    .json();
            assertThat(ids(last)).containsExactly(wanted.get(0));
            assertThat(last.get("next").isNull()).isTrue();
            assertThat(ids(first)).containsExactly(wanted.get(4), wanted.get(3));
            assertThat(first.get("previous").isNull()).isTrue();
        }

        @Test
        void linksKeepUnicodeAndSpecialCharactersInTheSearch() {
            long organization = newOrganization("Links");
            Member admin = member(organization, "admin");
            String search = "ник 50%";
            for (int i = 0; i < 3; i++) {
                createStaff(fields("Сотрудник 50% " + i, "first_name", "Сотр", "organization", organization));
            }

            JsonNode page1 = api.get(STAFFS + "?page_size=2&search=" + enc(search))
                    .token(admin.token())
                    .send()
                    .json();

            assertThat(page1.get("count").asLong()).isEqualTo(3);
            String next = page1.get("next").asString();
            assertThat(queryParams(next)).containsEntry("search", List.of(search));
            JsonNode page2 = api.get(next).token(admin.token()).send().json();
            assertThat(page2.get("count").asLong()).isEqualTo(3);
            assertThat(page2.get("results").size()).isEqualTo(1);
            assertThat(page2.get("results").get(0).get("last_name").asString()).isEqualTo("Сотрудник 50% 2");
        }

        @Test
        void onlyPageFitsEverythingWithNoLinks() {
            String token = unique();
            createMany(token, 2);

            JsonNode page =
                    get(STAFFS + "?search=" + enc(token) + "&page_size=1000").json();

            assertThat(page.get("count").asLong()).isEqualTo(2);
            assertThat(page.get("results").size()).isEqualTo(2);
            assertThat(page.get("next").isNull()).isTrue();
            assertThat(page.get("previous").isNull()).isTrue();
        }

        @Test
        void pageBeyondTheEndIsEmptyButKeepsTheCount() {
            String token = unique();
            createMany(token, 3);

            JsonNode page = get(STAFFS + "?search=" + enc(token) + "&page_size=2&page=5")
                    .json();

            assertThat(page.get("count").asLong()).isEqualTo(3);
            assertThat(page.get("results").size()).isZero();
            assertThat(page.get("next").isNull()).isTrue();
        }

        @Test
        void outOfRangePageSizeIs400NamingPageSize() {
            for (String value : List.of("0", "-1", "1001", "abc")) {
                ApiResponse response = get(STAFFS + "?page_size=" + value);
                assertThat(response.status()).as(value).isEqualTo(400);
                assertProblemNames(response, "page_size");
            }
        }

        @Test
        void outOfRangePageIs400NamingPage() {
            for (String value : List.of("0", "-3", "abc")) {
                ApiResponse response = get(STAFFS + "?page=" + value);
                assertThat(response.status()).as(value).isEqualTo(400);
                assertProblemNames(response, "page");
            }
        }
    }

    @Nested
    class Filters {

        @Test
        void roleFilterMatchesAnyOfTheRepeatedRoles() {
            String token = unique();
            long manager = staffWithRoles(token, "manager");
            long admin = staffWithRoles(token, "admin");
            long member = staffWithRoles(token, "member");
            long both = staffWithRoles(token, "manager", "member");

            assertThat(ids(get(STAFFS + "?search=" + enc(token) + "&role=manager")
                            .json()))
                    .containsExactly(manager, both);
            assertThat(ids(get(STAFFS + "?search=" + enc(token) + "&role=manager&role=admin")
                            .json()))
                    .containsExactly(manager, admin, both);
            assertThat(ids(get(STAFFS + "?search=" + enc(token) + "&role=member")
                            .json()))
                    .containsExactly(member, both);
            assertThat(ids(get(STAFFS + "?search=" + enc(token) + "&role=owner").json()))
                    .isEmpty();
        }

        @Test
        void defaultListShowsActiveStaffIncludingPendingButNotInactive() {
            String token = unique();
            long activated = createStaff(fields("State " + token, "password", PASSWORD))
                    .get("id")
                    .asLong();
            long pending = createStaff(fields("State " + token)).get("id").asLong();
            long inactive = createStaff(fields("State " + token, "is_active", false))
                    .get("id")
                    .asLong();

            JsonNode page = get(STAFFS + "?search=" + enc(token)).json();

            assertThat(ids(page)).containsExactly(activated, pending);
            assertThat(page.get("count").asLong()).isEqualTo(2);
            assertThat(ids(get(STAFFS + "?include_inactive=false&search=" + enc(token))
                            .json()))
                    .containsExactly(activated, pending);
            assertThat(ids(get(STAFFS + "?include_inactive=true&search=" + enc(token))
                            .json()))
                    .containsExactly(activated, pending, inactive);
        }

        @Test
        void isActiveSelectsExactlyThatState() {
            String token = unique();
            long active = createStaff(fields("Flag " + token)).get("id").asLong();
            long inactive = createStaff(fields("Flag " + token, "is_active", false))
                    .get("id")
                    .asLong();

            JsonNode onlyInactive =
                    get(STAFFS + "?is_active=false&search=" + enc(token)).json();
            JsonNode onlyActive =
                    get(STAFFS + "?is_active=true&search=" + enc(token)).json();

            assertThat(ids(onlyInactive)).containsExactly(inactive);
            assertThat(onlyInactive.get("results").get(0).get("is_active").asBoolean())
                    .isFalse();
            assertThat(ids(onlyActive)).containsExactly(active);
            assertThat(jdbc.sql("select is_active from staff where id = :id")
                            .param("id", inactive)
                            .query(Boolean.class)
                            .single())
                    .isFalse();
        }

        @Test
        void includePendingFalseHidesStaffThatHaveNotActivated() {
            String token = unique();
            long activated = createStaff(fields("Pend " + token, "password", PASSWORD))
                    .get("id")
                    .asLong();
            long pending = createStaff(fields("Pend " + token)).get("id").asLong();

            assertThat(ids(get(STAFFS + "?include_pending=false&search=" + enc(token))
                            .json()))
                    .containsExactly(activated);
            assertThat(ids(get(STAFFS + "?include_pending=true&search=" + enc(token))
                            .json()))
                    .containsExactly(activated, pending);
        }

        @Test
        void remoteIdFilterMatchesExactly() {
            String token = unique();
            long exact = createStaff(fields("Remote " + token, "remote_id", "ext-" + token))
                    .get("id")
                    .asLong();
            createStaff(fields("Remote " + token, "remote_id", "ext-" + token + "-2"));

            JsonNode page = get(STAFFS + "?remote_id=" + enc("ext-" + token)).json();

            assertThat(ids(page)).containsExactly(exact);
            assertThat(page.get("results").get(0).get("remote_id").asString()).isEqualTo("ext-" + token);
            assertThat(get(STAFFS + "?remote_id=" + enc("ext-" + token.substring(0, 4)))
                            .json()
                            .get("count")
                            .asLong())
                    .isZero();
        }

        @Test
        void emailFilterIsExactAndCaseInsensitive() {
            String email = uniqueEmail("exact.mail");
            long id = createStaff(fields("Mail " + unique(), "email", email))
                    .get("id")
                    .asLong();

            assertThat(ids(get(STAFFS + "?email=" + enc(email.toUpperCase())).json()))
                    .containsExactly(id);
            assertThat(ids(get(STAFFS + "?email=" + enc(email)).json())).containsExactly(id);
            assertThat(get(STAFFS + "?email=" + enc(email.substring(1)))
                            .json()
                            .get("count")
                            .asLong())
                    .isZero();
        }

        @Test
        void usernameFilterIsExactAndCaseInsensitive() {
            String username = "Exact.User" + unique();
            long id = createStaff(fields("User " + unique(), "username", username))
                    .get("id")
                    .asLong();

            assertThat(ids(get(STAFFS + "?username=" + enc(username.toLowerCase()))
                            .json()))
                    .containsExactly(id);
            assertThat(ids(get(STAFFS + "?username=" + enc(username.toUpperCase()))
                            .json()))
                    .containsExactly(id);
            assertThat(get(STAFFS + "?username=" + enc(username.substring(0, username.length() - 1)))
                            .json()
                            .get("count")
                            .asLong())
                    .isZero();
        }

        @Test
        void filtersCombineWithAnd() {
            String token = unique();
            long wanted = createStaff(fields("Combo " + token, "roles", List.of("manager"), "remote_id", "c1-" + token))
                    .get("id")
                    .asLong();
            createStaff(fields("Combo " + token, "roles", List.of("member"), "remote_id", "c2-" + token));
            createStaff(fields("Combo " + token, "roles", List.of("manager"), "is_active", false));

            JsonNode page = get(STAFFS + "?search=" + enc(token) + "&role=manager&is_active=true")
                    .json();

            assertThat(ids(page)).containsExactly(wanted);
            assertThat(get(STAFFS + "?search=" + enc(token) + "&role=member&remote_id=" + enc("c1-" + token))
                            .json()
                            .get("count")
                            .asLong())
                    .isZero();
        }

        @Test
        void invalidBooleansAre400NamingTheParameter() {
            for (String parameter : List.of("is_active", "include_inactive", "include_pending")) {
                ApiResponse response = get(STAFFS + "?" + parameter + "=maybe");
                assertThat(response.status()).as(parameter).isEqualTo(400);
                assertProblemNames(response, parameter);
            }
        }
    }

    @Nested
    class Search {

        @Test
        void matchesPartOfFirstNameLastNameFullNameEmailAndUsernameIgnoringCase() {
            String token = unique().replace("-", "");
            String email = "mailbox" + token + "@example.com";
            long id = createStaff(fields(
                            "Doe" + token,
                            "first_name",
                            "Johnathan" + token,
                            "email",
                            email,
                            "username",
                            "handle" + token))
                    .get("id")
                    .asLong();

            for (String search : List.of(
                    "johnathan" + token,
                    "NATHAN" + token,
                    "doe" + token,
                    "OE" + token.toUpperCase(),
                    "Johnathan" + token + " Doe" + token,
                    "JOHNATHAN" + token.toUpperCase() + " DOE",
                    "mailbox" + token,
                    "BOX" + token + "@EXAMPLE",
                    "handle" + token,
                    "ANDLE" + token.toUpperCase())) {
                assertThat(ids(get(STAFFS + "?search=" + enc(search)).json()))
                        .as(search)
                        .containsExactly(id);
            }
            assertThat(get(STAFFS + "?search=" + enc("nomatch" + token))
                            .json()
                            .get("count")
                            .asLong())
                    .isZero();
        }

        @Test
        void cyrillicNamesAreFoundByPartialSearchInAnyCase() {
            long organization = newOrganization("Cyrillic");
            Member admin = member(organization, "admin");
            long id = createStaff(fields("Тестов", "first_name", "Сотрудник", "organization", organization))
                    .get("id")
                    .asLong();

            for (String search :
                    List.of("сотр", "СОТР", "Сотрудник", "удни", "тестов", "Сотрудник Тестов", "СОТРУДНИК ТЕСТОВ")) {
                ApiResponse response = api.get(STAFFS + "?search=" + enc(search))
                        .token(admin.token())
                        .send();
                assertThat(response.status()).as(search).isEqualTo(200);
                assertThat(ids(response.json())).as(search).containsExactly(id);
                assertThat(response.json()
                                .get("results")
                                .get(0)
                                .get("first_name")
                                .asString())
                        .isEqualTo("Сотрудник");
            }
        }

        @Test
        void otherUnicodeNamesAreFoundInAnyCase() {
            long organization = newOrganization("Unicode");
            Member admin = member(organization, "admin");
            long greek = createStaff(fields("Παπαδοπούλου", "first_name", "Σοφία", "organization", organization))
                    .get("id")
                    .asLong();
            long turkish = createStaff(fields("Çelik", "first_name", "Ömer", "organization", organization))
                    .get("id")
                    .asLong();
            long german = createStaff(fields("Müller", "first_name", "Jürgen", "organization", organization))
                    .get("id")
                    .asLong();

            Map<String, Long> expectations = new LinkedHashMap<>();
            expectations.put("ΣΟΦ", greek);
            expectations.put("σοφία", greek);
            expectations.put("ΠΑΠΑΔ", greek);
            expectations.put("ÇEL", turkish);
            expectations.put("ömer çelik", turkish);
            expectations.put("MÜLL", german);
            expectations.put("jÜrgen", german);
            expectations.forEach((search, id) -> assertThat(ids(api.get(STAFFS + "?search=" + enc(search))
                            .token(admin.token())
                            .send()
                            .json()))
                    .as(search)
                    .containsExactly(id));
        }

        @Test
        void percentUnderscoreAndBackslashAreMatchedLiterally() {
            long organization = newOrganization("Wildcards");
            Member admin = member(organization, "admin");
            long percent = createStaff(fields("Rate%Off", "organization", organization))
                    .get("id")
                    .asLong();
            long notPercent = createStaff(fields("RatexOff", "organization", organization))
                    .get("id")
                    .asLong();
            long underscore = createStaff(fields("Snake_Case", "organization", organization))
                    .get("id")
                    .asLong();
            long notUnderscore = createStaff(fields("SnakeXCase", "organization", organization))
                    .get("id")
                    .asLong();
            long backslash = createStaff(fields("Back\\Slash", "organization", organization))
                    .get("id")
                    .asLong();

            Map<String, List<Long>> expectations = new LinkedHashMap<>();
            expectations.put("e%", List.of(percent));
            expectations.put("%", List.of(percent));
            expectations.put("e%o", List.of(percent));
            expectations.put("e_c", List.of(underscore));
            expectations.put("_", List.of(underscore));
            expectations.put("k\\s", List.of(backslash));
            expectations.put("rate", List.of(percent, notPercent));
            expectations.put("case", List.of(underscore, notUnderscore));
            expectations.forEach((search, expected) -> assertThat(ids(api.get(STAFFS + "?search=" + enc(search))
                            .token(admin.token())
                            .send()
                            .json()))
                    .as(search)
                    .containsExactlyElementsOf(expected));
        }

        @Test
        void searchIgnoresSurroundingWhitespaceAndBlankSearchDoesNotFilter() {
            String token = unique();
            long id = createStaff(fields("Trim " + token)).get("id").asLong();

            assertThat(ids(get(STAFFS + "?search=" + enc("  " + token + "  ")).json()))
                    .containsExactly(id);
            long organization = newOrganization("Blank");
            Member admin = member(organization, "admin");
            JsonNode all = api.get(STAFFS).token(admin.token()).send().json();
            JsonNode blank = api.get(STAFFS + "?search=" + enc("   "))
                    .token(admin.token())
                    .send()
                    .json();
            assertThat(ids(blank)).isEqualTo(ids(all)).contains(admin.id());
        }
    }

    @Nested
    class Ordering {

        @Test
        void defaultsToIdAscendingAndMinusIdIsDescending() {
            String token = unique();
            List<Long> created = createMany(token, 4);

            assertThat(ids(get(STAFFS + "?search=" + enc(token)).json())).containsExactlyElementsOf(created);
            assertThat(ids(get(STAFFS + "?ordering=id&search=" + enc(token)).json()))
                    .containsExactlyElementsOf(created);
            assertThat(ids(get(STAFFS + "?ordering=-id&search=" + enc(token)).json()))
                    .containsExactlyElementsOf(created.reversed());
        }

        @Test
        void ordersByNamesAndEmailInBothDirections() {
            String token = unique();
            long charlie = createStaff(fields("Charlie " + token, "first_name", "Alice", "email", uniqueEmail("m2")))
                    .get("id")
                    .asLong();
            long alpha = createStaff(fields("Alpha " + token, "first_name", "Carol", "email", uniqueEmail("m3")))
                    .get("id")
                    .asLong();
            long bravo = createStaff(fields("Bravo " + token, "first_name", "Bob", "email", uniqueEmail("m1")))
                    .get("id")
                    .asLong();
            String search = "&search=" + enc(token);

            assertThat(ids(get(STAFFS + "?ordering=last_name" + search).json())).containsExactly(alpha, bravo, charlie);
            assertThat(ids(get(STAFFS + "?ordering=-last_name" + search).json()))
                    .containsExactly(charlie, bravo, alpha);
            assertThat(ids(get(STAFFS + "?ordering=first_name" + search).json()))
                    .containsExactly(charlie, bravo, alpha);
            assertThat(ids(get(STAFFS + "?ordering=-first_name" + search).json()))
                    .containsExactly(alpha, bravo, charlie);
            assertThat(ids(get(STAFFS + "?ordering=email" + search).json())).containsExactly(bravo, charlie, alpha);
            assertThat(ids(get(STAFFS + "?ordering=-email" + search).json())).containsExactly(alpha, charlie, bravo);
        }

        @Test
        void ordersByCreatedAtAndModifiedAtInBothDirections() {
            String token = unique();
            List<Long> created = createMany(token, 3);
            // created_at runs against the id order; modified_at puts the middle one first.
            setTimestamp(created.get(0), "created_at", "2020-01-03T00:00:00Z");
            setTimestamp(created.get(1), "created_at", "2020-01-02T00:00:00Z");
            setTimestamp(created.get(2), "created_at", "2020-01-01T00:00:00Z");
            setTimestamp(created.get(0), "modified_at", "2021-01-02T00:00:00Z");
            setTimestamp(created.get(1), "modified_at", "2021-01-01T00:00:00Z");
            setTimestamp(created.get(2), "modified_at", "2021-01-03T00:00:00Z");
            String search = "&search=" + enc(token);

            JsonNode byCreated = get(STAFFS + "?ordering=created_at" + search).json();

            assertThat(ids(byCreated)).containsExactly(created.get(2), created.get(1), created.get(0));
            assertThat(byCreated.get("results").get(0).get("created_at").asString())
                    .isEqualTo("2020-01-01T00:00:00Z");
            assertThat(ids(get(STAFFS + "?ordering=-created_at" + search).json()))
                    .containsExactly(created.get(0), created.get(1), created.get(2));
            assertThat(ids(get(STAFFS + "?ordering=modified_at" + search).json()))
                    .containsExactly(created.get(1), created.get(0), created.get(2));
            assertThat(ids(get(STAFFS + "?ordering=-modified_at" + search).json()))
                    .containsExactly(created.get(2), created.get(0), created.get(1));
        }

        @Test
        void equalValuesAreOrderedByIdSoPagesAreStable() {
            String token = unique();
            List<Long> created = createMany(token, 5);

            List<Long> ascending = new ArrayList<>();
            List<Long> descending = new ArrayList<>();
            for (int page = 1; page <= 3; page++) {
                ascending.addAll(
                        ids(get(STAFFS + "?ordering=first_name&page_size=2&page=" + page + "&search=" + enc(token))
                                .json()));
                descending.addAll(
                        ids(get(STAFFS + "?ordering=-first_name&page_size=2&page=" + page + "&search=" + enc(token))
                                .json()));
            }

            assertThat(ascending).containsExactlyElementsOf(created);
            assertThat(descending).containsExactlyElementsOf(created.reversed());
        }

        @Test
        void unknownOrderingIs400NamingOrdering() {
            for (String ordering : List.of("password_hash", "-nope", "-", "name", "id;drop table staff", "--id")) {
                ApiResponse response = get(STAFFS + "?ordering=" + enc(ordering));
                assertThat(response.status()).as(ordering).isEqualTo(400);
                assertProblemNames(response, "ordering");
            }
        }
    }

    @Nested
    class Lookup {

        @Test
        void findsByKeyEmailUsernameOrRemoteId() {
            String token = unique();
            String email = uniqueEmail("Look.Up");
            String username = "Look.Up." + token;
            JsonNode staff = createStaff(
                    fields("Lookup " + token, "email", email, "username", username, "remote_id", "lk-" + token));
            long id = staff.get("id").asLong();
            JsonNode expected = get(STAFFS + id).json();

            for (String query : List.of(
                    "key=" + staff.get("key").asString(),
                    "email=" + enc(email),
                    "email=" + enc(email.toUpperCase()),
                    "username=" + enc(username),
                    "username=" + enc(username.toLowerCase()),
                    "remote_id=" + enc("lk-" + token),
                    "email=" + enc(email) + "&remote_id=" + enc("lk-" + token))) {
                ApiResponse response = get(STAFFS + "lookup?" + query);
                assertThat(response.status()).as(query + " " + response.body()).isEqualTo(200);
                assertThat(response.json()).as(query).isEqualTo(expected);
            }
        }

        @Test
        void findsInactiveAndPendingStaff() {
            String token = unique();
            long inactive = createStaff(fields("LkInactive " + token, "remote_id", "in-" + token, "is_active", false))
                    .get("id")
                    .asLong();
            long pending = createStaff(fields("LkPending " + token, "remote_id", "pe-" + token))
                    .get("id")
                    .asLong();

            assertThat(get(STAFFS + "lookup?remote_id=" + enc("in-" + token))
                            .json()
                            .get("id")
                            .asLong())
                    .isEqualTo(inactive);
            assertThat(get(STAFFS + "lookup?remote_id=" + enc("pe-" + token))
                            .json()
                            .get("id")
                            .asLong())
                    .isEqualTo(pending);
        }

        @Test
        void noMatchIs404Problem() {
            for (String query : List.of(
                    "key=" + UUID.randomUUID(),
                    "email=" + enc(uniqueEmail("nobody")),
                    "username=nobody" + unique(),
                    "remote_id=none-" + unique())) {
                ApiResponse response = get(STAFFS + "lookup?" + query);
                assertThat(response.status()).as(query).isEqualTo(404);
                assertThat(response.contentType()).startsWith("application/problem+json");
                JsonNode problem = response.json();
                assertThat(problem.get("status").asInt()).isEqualTo(404);
                assertThat(problem.get("type").asString()).isNotBlank();
                assertThat(problem.get("title").asString()).isNotBlank();
                assertThat(problem.get("detail").asString()).isNotBlank();
            }
        }

        @Test
        void everyGivenParameterMustMatchTheSameStaffMember() {
            String token = unique();
            String email = uniqueEmail("both");
            createStaff(fields("Both " + token, "email", email, "remote_id", "b1-" + token));
            createStaff(fields("Both " + token, "remote_id", "b2-" + token));

            ApiResponse response = get(STAFFS + "lookup?email=" + enc(email) + "&remote_id=" + enc("b2-" + token));

            assertThat(response.status()).isEqualTo(404);
        }

        @Test
        void severalMatchesAre404() {
            String remoteId = "shared-" + unique();
            long first = newOrganization("Shared One");
            long second = newOrganization("Shared Two");
            String email = uniqueEmail("shared");
            long one = createStaff(fields("Shared", "organization", first, "remote_id", remoteId, "email", email))
                    .get("id")
                    .asLong();
            createStaff(fields("Shared", "organization", second, "remote_id", remoteId));

            ApiResponse ambiguous = get(STAFFS + "lookup?remote_id=" + enc(remoteId));
            ApiResponse narrowed = get(STAFFS + "lookup?remote_id=" + enc(remoteId) + "&email=" + enc(email));

            assertThat(ambiguous.status()).isEqualTo(404);
            assertThat(narrowed.status()).isEqualTo(200);
            assertThat(narrowed.json().get("id").asLong()).isEqualTo(one);
            Member admin = member(first, "admin");
            ApiResponse scoped = api.get(STAFFS + "lookup?remote_id=" + enc(remoteId))
                    .token(admin.token())
                    .send();
            assertThat(scoped.status()).isEqualTo(200);
            assertThat(scoped.json().get("id").asLong()).isEqualTo(one);
        }

        @Test
        void noParameterIs400() {
            for (String path : List.of(STAFFS + "lookup", STAFFS + "lookup/", STAFFS + "lookup?email=&username=")) {
                ApiResponse response = get(path);
                assertThat(response.status()).as(path).isEqualTo(400);
                assertThat(response.contentType()).startsWith("application/problem+json");
                assertThat(response.json().get("status").asInt()).isEqualTo(400);
            }
        }

        @Test
        void malformedKeyIs400NamingKey() {
            ApiResponse response = get(STAFFS + "lookup?key=not-a-uuid");

            assertThat(response.status()).isEqualTo(400);
            assertProblemNames(response, "key");
        }
    }

    @Nested
    class ServiceUser {

        @Test
        void returnsTheCallersOrganizationServiceUserAsAnActiveWorker() {
            long organization = newOrganization("Bots");
            Member member = member(organization, "member");
            long expected = jdbc.sql("select id from staff where organization_id = :org and is_service_user")
                    .param("org", organization)
                    .query(Long.class)
                    .single();

            ApiResponse response =
                    api.get(STAFFS + "service-user").token(member.token()).send();

            assertThat(response.status()).as(response.body()).isEqualTo(200);
            JsonNode bot = response.json();
            assertThat(bot.propertyNames()).containsExactlyInAnyOrderElementsOf(REPRESENTATION_FIELDS);
            assertThat(bot.get("id").asLong()).isEqualTo(expected);
            assertThat(bot.get("organization").asLong()).isEqualTo(organization);
            assertThat(strings(bot.get("roles"))).containsExactly("worker");
            assertThat(bot.get("is_active").asBoolean()).isTrue();
            assertThat(bot.get("email").isNull()).isTrue();
            assertThat(response.body()).doesNotContain("password");
        }

        @Test
        void superadminGetsTheServiceUserOfItsOwnOrganization() {
            long expected = jdbc.sql("select id from staff where organization_id = :org and is_service_user")
                    .param("org", defaultOrganization())
                    .query(Long.class)
                    .single();

            JsonNode bot = get(STAFFS + "service-user").json();

            assertThat(bot.get("id").asLong()).isEqualTo(expected);
            assertThat(bot.get("organization").asLong()).isEqualTo(defaultOrganization());
            assertThat(strings(bot.get("roles"))).containsExactly("worker");
            assertThat(bot.get("is_active").asBoolean()).isTrue();
        }

        @Test
        void isTheSameStaffMemberAsGetOne() {
            JsonNode bot = get(STAFFS + "service-user/").json();

            assertThat(get(STAFFS + bot.get("id").asLong()).json()).isEqualTo(bot);
        }
    }

    @Nested
    class TrailingSlash {

        @Test
        void everyReadPathAnswersTheSameWithAndWithoutTrailingSlash() {
            String token = unique();
            String email = uniqueEmail("slash");
            JsonNode staff = createStaff(fields("Slash " + token, "email", email, "remote_id", "sl-" + token));
            long id = staff.get("id").asLong();

            Map<String, String> pairs = new LinkedHashMap<>();
            pairs.put("/api/v1/staffs?search=" + enc(token), "/api/v1/staffs/?search=" + enc(token));
            pairs.put("/api/v1/staffs/" + id, "/api/v1/staffs/" + id + "/");
            pairs.put("/api/v1/staffs/lookup?email=" + enc(email), "/api/v1/staffs/lookup/?email=" + enc(email));
            pairs.put("/api/v1/staffs/service-user", "/api/v1/staffs/service-user/");

            pairs.forEach((without, with) -> {
                ApiResponse a = get(without);
                ApiResponse b = get(with);
                assertThat(a.status()).as(without + " " + a.body()).isEqualTo(200);
                assertThat(b.status()).as(with + " " + b.body()).isEqualTo(200);
                assertThat(a.json()).as(without).isEqualTo(b.json());
            });
            assertThat(get("/api/v1/staffs/lookup?email=" + enc(email))
                            .json()
                            .get("id")
                            .asLong())
                    .isEqualTo(id);
        }

        @Test
        void listWithoutTrailingSlashPaginatesWithWorkingLinks() {
            String token = unique();
            List<Long> created = createMany(token, 3);

            JsonNode page1 =
                    get("/api/v1/staffs?page_size=2&search=" + enc(token)).json();
            JsonNode page2 = api.get(page1.get("next").asString())
                    .token(superadminToken())
                    .send()
                    .json();

            assertThat(page1.get("next").asString()).startsWith("http://localhost:" + port + "/api/v1/staffs");
            assertThat(ids(page1)).containsExactly(created.get(0), created.get(1));
            assertThat(ids(page2)).containsExactly(created.get(2));
        }

        @Test
        void errorsAreTheSameWithAndWithoutTrailingSlash() {
            assertThat(get("/api/v1/staffs/999999999").status()).isEqualTo(404);
            assertThat(get("/api/v1/staffs/999999999/").status()).isEqualTo(404);
            assertThat(get("/api/v1/staffs/abc").status()).isEqualTo(400);
            assertThat(get("/api/v1/staffs/abc/").status()).isEqualTo(400);
            assertThat(get("/api/v1/staffs/lookup").status()).isEqualTo(400);
            assertThat(get("/api/v1/staffs/lookup/").status()).isEqualTo(400);
        }
    }

    // --- helpers ---

    private ApiResponse get(String path) {
        return api.get(path).token(superadminToken()).send();
    }

    /** Create fields: a first name, this last name and a unique email, then the given overrides. */
    private static Map<String, Object> fields(String lastName, Object... overrides) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("first_name", "Reader");
        fields.put("last_name", lastName);
        fields.put("email", uniqueEmail("read"));
        for (int i = 0; i < overrides.length; i += 2) {
            fields.put((String) overrides[i], overrides[i + 1]);
        }
        return fields;
    }

    /** Creates {@code n} staff members whose last name contains the token; returns their ids in creation order. */
    private List<Long> createMany(String token, int n) {
        return IntStream.range(0, n)
                .mapToObj(i -> createStaff(fields("Many " + token)).get("id").asLong())
                .toList();
    }

    private long staffWithRoles(String token, String... roles) {
        return createStaff(fields("Role " + token, "roles", List.of(roles)))
                .get("id")
                .asLong();
    }

    private static List<String> allPropertyNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        if (node.isObject()) {
            node.properties().forEach(e -> {
                names.add(e.getKey());
                names.addAll(allPropertyNames(e.getValue()));
            });
        } else if (node.isArray()) {
            node.valueStream().forEach(v -> names.addAll(allPropertyNames(v)));
        }
        return names;
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static Map<String, List<String>> queryParams(String url) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        String query = URI.create(url).getRawQuery();
        if (query == null) {
            return params;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return params;
    }

    /** A 400 problem whose detail and errors name the parameter. */
    private static void assertProblemNames(ApiResponse response, String parameter) {
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("detail").asString()).contains(parameter);
        assertThat(problem.get("errors").valueStream().map(e -> e.get("field").asString()))
                .as(response.body())
                .contains(parameter);
    }

    private UUID dbKey(long id) {
        return jdbc.sql("select key from staff where id = :id")
                .param("id", id)
                .query(UUID.class)
                .single();
    }

    private Instant dbInstant(long id, String column) {
        return jdbc.sql("select " + column + " from staff where id = :id")
                .param("id", id)
                .query((rs, n) -> rs.getObject(1, OffsetDateTime.class).toInstant())
                .single();
    }

    private void setTimestamp(long id, String column, String instant) {
        jdbc.sql("update staff set " + column + " = cast(:at as timestamptz) where id = :id")
                .param("at", instant)
                .param("id", id)
                .update();
    }
}
