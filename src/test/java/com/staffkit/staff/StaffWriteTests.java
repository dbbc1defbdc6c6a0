package com.staffkit.staff;

import static com.staffkit.support.Json.errorFields;
import static com.staffkit.support.Json.fields;
import static com.staffkit.support.Json.strings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.staffkit.support.ApiResponse;
import com.staffkit.support.IntegrationTest;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The write side of {@code /api/v1/staffs}: create, replace, patch, deactivate and who may do it. */
class StaffWriteTests extends IntegrationTest {

    private static final String STAFFS = "/api/v1/staffs/";

    /** The service's clock, which stamps {@code modified_at}. */
    @Autowired
    private Clock clock;

    @Nested
    class Create {

        @Test
        void returns201WithAbsoluteLocationThatCanBeFetched() {
            String email = uniqueEmail("create");
            ApiResponse response = api.post(STAFFS)
                    .token(superadminToken())
                    .json(fields("first_name", "Ada", "last_name", "Lovelace", "email", email))
                    .send();

            assertThat(response.status()).as(response.body()).isEqualTo(201);
            JsonNode body = response.json();
            long id = body.get("id").asLong();
            String location = response.header("Location");
            assertThat(location).isNotNull().startsWith("http://").matches(".*/api/v1/staffs/" + id + "/?$");

            ApiResponse fetched = api.get(location).token(superadminToken()).send();
            assertThat(fetched.status()).as(fetched.body()).isEqualTo(200);
            assertThat(fetched.json().get("id").asLong()).isEqualTo(id);
            assertThat(fetched.json().get("email").asString()).isEqualTo(email);
        }

        @Test
        void storesEveryOptionalFieldAndAppliesDefaults() {
            String email = uniqueEmail("full");
            String username = "full-" + unique();
            String remoteId = "remote-" + unique();
            JsonNode body = createStaff(fields(
                    "first_name", " Grace ",
                    "last_name", "Hopper",
                    "email", email,
                    "username", username,
                    "job_title", "Rear admiral",
                    "phone", "+15555551212",
                    "mobile_phone", "+13105551212",
                    "time_zone", "Europe/Istanbul",
                    "avatar_url", "https://example.com/grace.png",
                    "remote_id", remoteId,
                    "attributes", Map.of("badge", "A-17"),
                    "tags", List.of("night-shift", "cobol")));

            assertThat(body.get("first_name").asString()).isEqualTo("Grace");
            assertThat(body.get("full_name").asString()).isEqualTo("Grace Hopper");
            assertThat(body.get("username").asString()).isEqualTo(username);
            assertThat(body.get("job_title").asString()).isEqualTo("Rear admiral");
            assertThat(body.get("phone").asString()).isEqualTo("+15555551212");
            assertThat(body.get("mobile_phone").asString()).isEqualTo("+13105551212");
            assertThat(body.get("time_zone").asString()).isEqualTo("Europe/Istanbul");
            assertThat(body.get("avatar_url").asString()).isEqualTo("https://example.com/grace.png");
            assertThat(body.get("remote_id").asString()).isEqualTo(remoteId);
            assertThat(body.get("attributes").get("badge").asString()).isEqualTo("A-17");
            assertThat(strings(body.get("tags"))).containsExactly("night-shift", "cobol");
            assertThat(strings(body.get("roles"))).containsExactly("member");
            assertThat(body.get("is_active").asBoolean()).isTrue();
            assertThat(body.get("organization").asLong()).isEqualTo(defaultOrganization());

            Map<String, Object> row = row(body.get("id").asLong());
            assertThat(row.get("email")).isEqualTo(email);
            assertThat(row.get("remote_id")).isEqualTo(remoteId);
            assertThat(row.get("time_zone")).isEqualTo("Europe/Istanbul");
            assertThat(row.get("attributes")).isEqualTo("{\"badge\": \"A-17\"}");
            assertThat(row.get("tags")).isEqualTo("night-shift,cobol");
            assertThat(roleNames(body.get("id").asLong())).containsExactly("member");
            assertThat(loginIdentifiers(body.get("id").asLong()))
                    .containsExactlyInAnyOrder(email.toLowerCase(), username.toLowerCase());
        }

        @Test
        void withoutPasswordTheAccountIsPendingAndCannotLogIn() {
            String email = uniqueEmail("pending");
            JsonNode body = createStaff(fields("first_name", "Pen", "last_name", "Ding", "email", email));

            assertThat(body.get("has_activated").asBoolean()).isFalse();
            Map<String, Object> row = row(body.get("id").asLong());
            assertThat(row.get("has_activated")).isEqualTo(false);
            assertThat(row.get("password_hash")).isNull();
            assertThat(loginStatus(email, PASSWORD)).isEqualTo(401);
        }

        @Test
        void withPasswordTheAccountIsActivatedAndOnlyAHashIsStored() {
            String email = uniqueEmail("password");
            String password = "Plain-Text-" + unique();
            ApiResponse response = api.post(STAFFS)
                    .token(superadminToken())
                    .json(fields("first_name", "Pass", "last_name", "Word", "email", email, "password", password))
                    .send();

            assertThat(response.status()).as(response.body()).isEqualTo(201);
            assertThat(response.body()).doesNotContain(password).doesNotContain("password_hash");
            JsonNode body = response.json();
            assertThat(body.get("has_activated").asBoolean()).isTrue();
            assertThat(body.has("generated_password")).isFalse();
            Map<String, Object> row = row(body.get("id").asLong());
            assertThat(row.get("has_activated")).isEqualTo(true);
            assertThat((String) row.get("password_hash")).isNotBlank().doesNotContain(password);
            assertThat(loginStatus(email, password)).isEqualTo(200);
        }

        @Test
        void generatedPasswordIsReturnedOnceAndLogsIn() {
            String email = uniqueEmail("generated");
            JsonNode body = createStaff(
                    fields("first_name", "Gen", "last_name", "Erated", "email", email, "generate_password", true));

            String generated = body.get("generated_password").asString();
            assertThat(generated).hasSizeGreaterThanOrEqualTo(10);
            assertThat(body.get("has_activated").asBoolean()).isTrue();
            long id = body.get("id").asLong();
            Map<String, Object> row = row(id);
            assertThat(row.get("has_activated")).isEqualTo(true);
            assertThat((String) row.get("password_hash")).isNotBlank().doesNotContain(generated);

            assertThat(loginStatus(email, generated)).isEqualTo(200);
            ApiResponse later = api.get(STAFFS + id).token(superadminToken()).send();
            assertThat(later.status()).isEqualTo(200);
            assertThat(later.json().has("generated_password")).isFalse();
            assertThat(later.body()).doesNotContain(generated);
        }

        @Test
        void emailIsRequiredUnlessEveryRoleIsWorker() {
            String lastName = "NoEmail-" + unique();
            for (List<String> roles : List.of(List.of("member"), List.of("worker", "member"))) {
                ApiResponse response = api.post(STAFFS)
                        .token(superadminToken())
                        .json(fields("first_name", "No", "last_name", lastName, "roles", roles))
                        .send();
                assertThat(response.status()).as(roles + " " + response.body()).isEqualTo(400);
                assertThat(errorFields(response)).contains("email");
            }
            ApiResponse defaultRoles = api.post(STAFFS)
                    .token(superadminToken())
                    .json(fields("first_name", "No", "last_name", lastName))
                    .send();
            assertThat(defaultRoles.status()).isEqualTo(400);
            assertThat(errorFields(defaultRoles)).contains("email");
            assertThat(countByLastName(lastName)).isZero();

            JsonNode worker = createStaff(fields("first_name", "Wo", "last_name", "Rker", "roles", List.of("worker")));
            assertThat(worker.get("email").isNull()).isTrue();
            assertThat(strings(worker.get("roles"))).containsExactly("worker");
            assertThat(row(worker.get("id").asLong()).get("email")).isNull();
        }

        @Test
        void firstAndLastNameAreRequired() {
            ApiResponse response = api.post(STAFFS)
                    .token(superadminToken())
                    .json(fields("email", uniqueEmail("nameless")))
                    .send();

            assertThat(response.status()).isEqualTo(400);
            assertThat(errorFields(response)).contains("first_name", "last_name");
        }

        @Test
        void invalidTimeZoneIs400NamingTimeZone() {
            String email = uniqueEmail("tz");
            ApiResponse response = api.post(STAFFS)
                    .token(superadminToken())
                    .json(fields(
                            "first_name", "Time", "last_name", "Zone", "email", email, "time_zone", "Mars/Olympus"))
                    .send();

            assertThat(response.status()).isEqualTo(400);
            assertThat(errorFields(response)).containsExactly("time_zone");
            assertThat(countByEmail(email)).isZero();
        }

        @Test
        void unknownRoleIs400NamingRoles() {
            String email = uniqueEmail("role");
            ApiResponse response = api.post(STAFFS)
                    .token(superadminToken())
                    .json(fields(
                            "first_name", "Ro", "last_name", "Le", "email", email, "roles", List.of("no-such-role")))
                    .send();

            assertThat(response.status()).isEqualTo(400);
            assertThat(errorFields(response)).containsExactly("roles");
            assertThat(countByEmail(email)).isZero();
        }

        @Test
        void passwordMustBe10To128Characters() {
            for (String password : List.of("short-pw1", "x".repeat(129))) {
                String email = uniqueEmail("pwlen");
                ApiResponse response = api.post(STAFFS)
                        .token(superadminToken())
                        .json(fields("first_name", "Pw", "last_name", "Len", "email", email, "password", password))
                        .send();
                assertThat(response.status()).as(password.length() + " chars").isEqualTo(400);
                assertThat(errorFields(response)).containsExactly("password");
                assertThat(response.body()).doesNotContain(password);
                assertThat(countByEmail(email)).isZero();
            }
            for (String password : List.of("x".repeat(10), "y".repeat(128))) {
                String email = uniqueEmail("pwok");
                createStaff(fields("first_name", "Pw", "last_name", "Ok", "email", email, "password", password));
                assertThat(loginStatus(email, password)).isEqualTo(200);
            }
        }

        @Test
        void longPasswordsCountInFull() {
            String email = uniqueEmail("long");
            String password = "p".repeat(100) + "-" + unique();
            String multiByte = "\uD83D\uDD11".repeat(40);
            createStaff(fields("first_name", "Long", "last_name", "Pass", "email", email, "password", password));
            String emoji = uniqueEmail("emoji");
            createStaff(fields("first_name", "Emo", "last_name", "Ji", "email", emoji, "password", multiByte));

            assertThat(loginStatus(email, password)).isEqualTo(200);
            assertThat(loginStatus(email, password.substring(0, 72))).isEqualTo(401);
            assertThat(loginStatus(email, password.substring(0, 80) + "x".repeat(password.length() - 80)))
                    .isEqualTo(401);
            assertThat(loginStatus(emoji, multiByte)).isEqualTo(200);
            assertThat(loginStatus(emoji, multiByte.substring(0, 36))).isEqualTo(401);
        }

        @Test
        void passwordAndGeneratePasswordTogetherAre400() {
            String email = uniqueEmail("both");
            ApiResponse response = api.post(STAFFS)
                    .token(superadminToken())
                    .json(fields(
                            "first_name",
                            "Bo",
                            "last_name",
                            "Th",
                            "email",
                            email,
                            "password",
                            PASSWORD,
                            "generate_password",
                            true))
                    .send();

            assertThat(response.status()).isEqualTo(400);
            assertThat(errorFields(response)).isNotEmpty();
            assertThat(countByEmail(email)).isZero();
        }

        @Test
        void readOnlyFieldsAreIgnored() {
            String email = uniqueEmail("readonly");
            UUID key = UUID.randomUUID();
            ApiResponse response = api.post(STAFFS)
                    .token(superadminToken())
                    .json(fields(
                            "first_name", "Read",
                            "last_name", "Only",
                            "email", email,
                            "id", 987654321,
                            "key", key.toString(),
                            "full_name", "Someone Else",
                            "has_activated", true,
                            "last_login", "2001-01-01T00:00:00Z",
                            "date_joined", "2001-01-01T00:00:00Z",
                            "created_at", "2001-01-01T00:00:00Z",
                            "modified_at", "2001-01-01T00:00:00Z",
                            "teams", List.of(),
                            "current_store", null))
                    .send();

            assertThat(response.status()).as(response.body()).isEqualTo(201);
            JsonNode body = response.json();
            assertThat(body.get("id").asLong()).isNotEqualTo(987654321L);
            assertThat(body.get("key").asString()).isNotEqualTo(key.toString());
            assertThat(body.get("full_name").asString()).isEqualTo("Read Only");
            assertThat(body.get("has_activated").asBoolean()).isFalse();
            assertThat(body.get("last_login").isNull()).isTrue();
            assertThat(Instant.parse(body.get("created_at").asString())).isAfter(Instant.parse("2020-01-01T00:00:00Z"));
            Map<String, Object> row = row(body.get("id").asLong());
            assertThat(row.get("has_activated")).isEqualTo(false);
            assertThat(row.get("password_hash")).isNull();
        }
    }

    @Nested
    class Replace {

        @Test
        void replacesEveryWritableFieldAndMissingOnesBecomeDefaults() {
            String remoteId = "put-" + unique();
            JsonNode created = createStaff(fields(
                    "first_name",
                    "Old",
                    "last_name",
                    "Name",
                    "email",
                    uniqueEmail("put"),
                    "username",
                    "put-" + unique(),
                    "job_title",
                    "Cashier",
                    "phone",
                    "+15555550000",
                    "time_zone",
                    "Europe/Paris",
                    "remote_id",
                    remoteId,
                    "attributes",
                    Map.of("a", "1"),
                    "tags",
                    List.of("x", "y"),
                    "roles",
                    List.of("manager")));
            long id = created.get("id").asLong();
            String newEmail = uniqueEmail("put-new");

            ApiResponse response = api.put(STAFFS + id)
                    .token(superadminToken())
                    .json(fields("first_name", "New", "last_name", "Person", "email", newEmail))
                    .send();

            assertThat(response.status()).as(response.body()).isEqualTo(200);
            JsonNode body = response.json();
            assertThat(body.get("id").asLong()).isEqualTo(id);
            assertThat(body.get("first_name").asString()).isEqualTo("New");
            assertThat(body.get("email").asString()).isEqualTo(newEmail);
            for (String field : List.of("username", "job_title", "phone", "time_zone", "remote_id")) {
                assertThat(body.get(field).isNull()).as(field).isTrue();
            }
            assertThat(body.get("attributes").isEmpty()).isTrue();
            assertThat(strings(body.get("tags"))).isEmpty();
            assertThat(strings(body.get("roles"))).containsExactly("member");
            assertThat(body.get("is_active").asBoolean()).isTrue();

            Map<String, Object> row = row(id);
            assertThat(row.get("first_name")).isEqualTo("New");
            assertThat(row.get("job_title")).isNull();
            assertThat(row.get("username")).isNull();
            assertThat(row.get("remote_id")).isNull();
            assertThat(row.get("attributes")).isEqualTo("{}");
            assertThat(row.get("tags")).isEqualTo("");
            assertThat(roleNames(id)).containsExactly("member");
            assertThat(loginIdentifiers(id)).containsExactly(newEmail.toLowerCase());
        }

        @Test
        void echoingTheRepresentationWithReadOnlyFieldsChangesOnlyWhatWasEdited() {
            long otherOrganization = newOrganization("Echo Org");
            JsonNode created = createStaff(fields(
                    "first_name", "Echo", "last_name", "Back", "email", uniqueEmail("echo"), "tags", List.of("t")));
            long id = created.get("id").asLong();
            Map<String, Object> before = row(id);

            @SuppressWarnings("unchecked")
            Map<String, Object> echoed = json.convertValue(created, LinkedHashMap.class);
            echoed.put("job_title", "Echoed");
            echoed.put("id", Long.MAX_VALUE);
            echoed.put("key", UUID.randomUUID().toString());
            echoed.put("organization", otherOrganization);
            echoed.put("has_activated", true);
            echoed.put("full_name", "Not Echo");
            echoed.put("created_at", "2001-01-01T00:00:00Z");
            echoed.put("date_joined", "2001-01-01T00:00:00Z");
            echoed.put("last_login", "2001-01-01T00:00:00Z");
            echoed.put("modified_at", "2001-01-01T00:00:00Z");

            ApiResponse response =
                    api.put(STAFFS + id).token(superadminToken()).json(echoed).send();

            assertThat(response.status()).as(response.body()).isEqualTo(200);
            JsonNode body = response.json();
            assertThat(body.get("job_title").asString()).isEqualTo("Echoed");
            assertThat(body.get("id").asLong()).isEqualTo(id);
            assertThat(body.get("key").asString()).isEqualTo(created.get("key").asString());
            assertThat(body.get("organization").asLong()).isEqualTo(defaultOrganization());
            assertThat(body.get("has_activated").asBoolean()).isFalse();
            assertThat(body.get("full_name").asString()).isEqualTo("Echo Back");
            assertThat(body.get("created_at").asString())
                    .isEqualTo(created.get("created_at").asString());
            assertThat(strings(body.get("tags"))).containsExactly("t");

            Map<String, Object> after = row(id);
            assertThat(after.get("organization_id")).isEqualTo(before.get("organization_id"));
            assertThat(after.get("key")).isEqualTo(before.get("key"));
            assertThat(after.get("has_activated")).isEqualTo(false);
            assertThat(after.get("created_at")).isEqualTo(before.get("created_at"));
            assertThat(after.get("date_joined")).isEqualTo(before.get("date_joined"));
            assertThat(after.get("last_login")).isNull();
        }

        @Test
        void validationFailureChangesNothing() {
            JsonNode created = createStaff(
                    fields("first_name", "Valid", "last_name", "Before", "email", uniqueEmail("put-invalid")));
            long id = created.get("id").asLong();

            ApiResponse response = api.put(STAFFS + id)
                    .token(superadminToken())
                    .json(fields("first_name", " ", "last_name", "After", "email", "not-an-email"))
                    .send();

            assertThat(response.status()).isEqualTo(400);
            assertThat(errorFields(response)).contains("first_name", "email");
            assertThat(row(id).get("last_name")).isEqualTo("Before");
        }
    }

    @Nested
    class Patch {

        @Test
        void changesPresentKeysAndKeepsTheRest() {
            JsonNode created = createStaff(fields(
                    "first_name", "Pat",
                    "last_name", "Ch",
                    "email", uniqueEmail("patch"),
                    "job_title", "Cashier",
                    "phone", "+15555550001",
                    "tags", List.of("a"),
                    "roles", List.of("manager")));
            long id = created.get("id").asLong();

            ApiResponse response = api.patch(STAFFS + id)
                    .token(superadminToken())
                    .json(fields("job_title", "Shift lead"))
                    .send();

            assertThat(response.status()).as(response.body()).isEqualTo(200);
            JsonNode body = response.json();
            assertThat(body.get("job_title").asString()).isEqualTo("Shift lead");
            assertThat(body.get("phone").asString()).isEqualTo("+15555550001");
            assertThat(body.get("email").asString())
                    .isEqualTo(created.get("email").asString());
            assertThat(strings(body.get("tags"))).containsExactly("a");
            assertThat(strings(body.get("roles"))).containsExactly("manager");
            Map<String, Object> row = row(id);
            assertThat(row.get("job_title")).isEqualTo("Shift lead");
            assertThat(row.get("phone")).isEqualTo("+15555550001");
            assertThat(roleNames(id)).containsExactly("manager");
        }

        @Test
        void nullClearsAField() {
            JsonNode created = createStaff(fields(
                    "first_name",
                    "Null",
                    "last_name",
                    "Phone",
                    "email",
                    uniqueEmail("nullphone"),
                    "phone",
                    "+15555550002",
                    "mobile_phone",
                    "+15555550003"));
            long id = created.get("id").asLong();

            ApiResponse response = api.patch(STAFFS + id)
                    .token(superadminToken())
                    .json("{\"phone\": null}")
                    .send();

            assertThat(response.status()).as(response.body()).isEqualTo(200);
            assertThat(response.json().get("phone").isNull()).isTrue();
            assertThat(response.json().get("mobile_phone").asString()).isEqualTo("+15555550003");
            assertThat(row(id).get("phone")).isNull();
            assertThat(row(id).get("mobile_phone")).isEqualTo("+15555550003");
        }

        @Test
        void attributesMergePerKey() {
            JsonNode created = createStaff(fields(
                    "first_name",
                    "Attr",
                    "last_name",
                    "Ibutes",
                    "email",
                    uniqueEmail("attrs"),
                    "attributes",
                    Map.of("a", "1", "c", "3")));
            long id = created.get("id").asLong();

            ApiResponse response = api.patch(STAFFS + id)
                    .token(superadminToken())
                    .json("{\"attributes\": {\"a\": null, \"b\": \"2\"}}")
                    .send();

            assertThat(response.status()).as(response.body()).isEqualTo(200);
            JsonNode attributes = response.json().get("attributes");
            assertThat(attributes.has("a")).isFalse();
            assertThat(attributes.get("b").asString()).isEqualTo("2");
            assertThat(attributes.get("c").asString()).isEqualTo("3");
            Map<String, String> stored = json.readValue(
                    (String) row(id).get("attributes"),
                    new tools.jackson.core.type.TypeReference<Map<String, String>>() {});
            assertThat(stored).containsExactlyInAnyOrderEntriesOf(Map.of("b", "2", "c", "3"));
        }

        @Test
        void readOnlyFieldsAreIgnoredAndNotAnError() {
            long otherOrganization = newOrganization("Patch Org");
            JsonNode created =
                    createStaff(fields("first_name", "Ro", "last_name", "Patch", "email", uniqueEmail("ropatch")));
            long id = created.get("id").asLong();
            Map<String, Object> before = row(id);

            ApiResponse response = api.patch(STAFFS + id)
                    .token(superadminToken())
                    .json(fields(
                            "id",
                            id + 1000,
                            "key",
                            UUID.randomUUID().toString(),
                            "organization",
                            otherOrganization,
                            "has_activated",
                            true,
                            "last_login",
                            "2001-01-01T00:00:00Z",
                            "date_joined",
                            "2001-01-01T00:00:00Z",
                            "created_at",
                            "2001-01-01T00:00:00Z",
                            "modified_at",
                            "2001-01-01T00:00:00Z",
                            "full_name",
                            "Other Name",
                            "teams",
                            List.of(Map.of("id", 1, "name", "t")),
                            "current_store",
                            Map.of("id", 1)))
                    .send();

            assertThat(response.status()).as(response.body()).isEqualTo(200);
            JsonNode body = response.json();
            assertThat(body.get("id").asLong()).isEqualTo(id);
            assertThat(body.get("organization").asLong()).isEqualTo(defaultOrganization());
            assertThat(body.get("has_activated").asBoolean()).isFalse();
            assertThat(body.get("full_name").asString()).isEqualTo("Ro Patch");
            Map<String, Object> after = row(id);
            for (String column :
                    List.of("key", "organization_id", "has_activated", "created_at", "date_joined", "last_login")) {
                assertThat(after.get(column)).as(column).isEqualTo(before.get(column));
            }
            assertThat((java.sql.Timestamp) after.get("modified_at"))
                    .isAfterOrEqualTo((java.sql.Timestamp) before.get("modified_at"));
        }

        @Test
        void modifiedAtAdvancesOnChange() {
            JsonNode created =
                    createStaff(fields("first_name", "Mod", "last_name", "Ified", "email", uniqueEmail("modified")));
            long id = created.get("id").asLong();
            Instant before = Instant.parse(created.get("modified_at").asString());
            // The database keeps microseconds: let the service's clock pass the creation time.
            await().until(() -> clock.instant().truncatedTo(ChronoUnit.MICROS).isAfter(before));

            ApiResponse response = api.patch(STAFFS + id)
                    .token(superadminToken())
                    .json(fields("last_name", "Changed"))
                    .send();

            assertThat(response.status()).isEqualTo(200);
            assertThat(Instant.parse(response.json().get("modified_at").asString()))
                    .isAfter(before);
            assertThat(response.json().get("created_at").asString())
                    .isEqualTo(created.get("created_at").asString());
            assertThat(((java.sql.Timestamp) row(id).get("modified_at")).toInstant())
                    .isAfter(before);
        }

        @Test
        void acceptsMergePatchContentType() {
            JsonNode created =
                    createStaff(fields("first_name", "Merge", "last_name", "Patch", "email", uniqueEmail("merge")));
            long id = created.get("id").asLong();

            ApiResponse response = api.patch(STAFFS + id)
                    .token(superadminToken())
                    .body("application/merge-patch+json", "{\"job_title\": \"Merged\"}")
                    .send();

            assertThat(response.status()).as(response.body()).isEqualTo(200);
            assertThat(row(id).get("job_title")).isEqualTo("Merged");
        }

        @Test
        void clearingARequiredFieldIs400AndChangesNothing() {
            JsonNode created =
                    createStaff(fields("first_name", "Keep", "last_name", "Me", "email", uniqueEmail("required")));
            long id = created.get("id").asLong();

            ApiResponse response = api.patch(STAFFS + id)
                    .token(superadminToken())
                    .json("{\"first_name\": null, \"job_title\": \"Ignored\"}")
                    .send();

            assertThat(response.status()).isEqualTo(400);
            assertThat(errorFields(response)).containsExactly("first_name");
            assertThat(row(id).get("first_name")).isEqualTo("Keep");
            assertThat(row(id).get("job_title")).isNull();
        }
    }

    @Nested
    class Deactivate {

        @Test
        void deactivatesWithoutDeletingAndKillsLoginAndTokensAtOnce() {
            Member target = member();
            String admin = member("admin").token();
            assertThat(api.get(STAFFS + target.id())
                            .token(target.token())
                            .send()
                            .status())
                    .isEqualTo(200);

            ApiResponse response = api.delete(STAFFS + target.id()).token(admin).send();

            assertThat(response.status()).as(response.body()).isEqualTo(204);
            assertThat(response.body()).isEmpty();
            Map<String, Object> row = row(target.id());
            assertThat(row).isNotNull();
            assertThat(row.get("is_active")).isEqualTo(false);
            assertThat(api.get(STAFFS + target.id())
                            .token(target.token())
                            .send()
                            .status())
                    .isEqualTo(401);
            assertThat(loginStatus(target.email(), PASSWORD)).isEqualTo(401);
            ApiResponse seen = api.get(STAFFS + target.id()).token(admin).send();
            assertThat(seen.status()).isEqualTo(200);
            assertThat(seen.json().get("is_active").asBoolean()).isFalse();
        }

        @Test
        void repeatingDeleteIs204() {
            Member target = member();
            String admin = member("admin").token();

            assertThat(api.delete(STAFFS + target.id()).token(admin).send().status())
                    .isEqualTo(204);
            ApiResponse again = api.delete(STAFFS + target.id()).token(admin).send();

            assertThat(again.status()).as(again.body()).isEqualTo(204);
            assertThat(row(target.id()).get("is_active")).isEqualTo(false);
        }

        @Test
        void patchIsActiveTrueReactivatesButTheOldTokenStaysDead() {
            Member target = member();
            String admin = member("admin").token();
            assertThat(api.delete(STAFFS + target.id()).token(admin).send().status())
                    .isEqualTo(204);

            ApiResponse response = api.patch(STAFFS + target.id())
                    .token(admin)
                    .json(fields("is_active", true))
                    .send();

            assertThat(response.status()).as(response.body()).isEqualTo(200);
            assertThat(response.json().get("is_active").asBoolean()).isTrue();
            assertThat(row(target.id()).get("is_active")).isEqualTo(true);
            assertThat(api.get(STAFFS + target.id())
                            .token(target.token())
                            .send()
                            .status())
                    .isEqualTo(401);
            String fresh = login(target.email(), PASSWORD);
            assertThat(api.get(STAFFS + target.id()).token(fresh).send().status())
                    .isEqualTo(200);
        }

        @Test
        void patchIsActiveFalseAlsoRevokesTokens() {
            Member target = member();
            String admin = member("admin").token();

            ApiResponse response = api.patch(STAFFS + target.id())
                    .token(admin)
                    .json(fields("is_active", false))
                    .send();

            assertThat(response.status()).as(response.body()).isEqualTo(200);
            assertThat(row(target.id()).get("is_active")).isEqualTo(false);
            assertThat(api.get(STAFFS + target.id())
                            .token(target.token())
                            .send()
                            .status())
                    .isEqualTo(401);
            assertThat(loginStatus(target.email(), PASSWORD)).isEqualTo(401);
        }

        @Test
        void deactivatingYourselfIs403() {
            Member admin = member("admin");

            ApiResponse response =
                    api.delete(STAFFS + admin.id()).token(admin.token()).send();

            assertThat(response.status()).isEqualTo(403);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(row(admin.id()).get("is_active")).isEqualTo(true);
            ApiResponse viaPatch = api.patch(STAFFS + admin.id())
                    .token(admin.token())
                    .json(fields("is_active", false))
                    .send();
            assertThat(viaPatch.status()).isEqualTo(403);
            assertThat(row(admin.id()).get("is_active")).isEqualTo(true);
            assertThat(api.get(STAFFS + admin.id()).token(admin.token()).send().status())
                    .isEqualTo(200);
        }
    }

    @Nested
    class Permissions {

        @Test
        void memberCannotCreateReplaceOrPatch() {
            Member member = member("member");
            Member target = member();
            String email = uniqueEmail("by-member");

            ApiResponse create = api.post(STAFFS)
                    .token(member.token())
                    .json(fields("first_name", "By", "last_name", "Member", "email", email))
                    .send();
            ApiResponse replace = api.put(STAFFS + target.id())
                    .token(member.token())
                    .json(fields("first_name", "Hacked", "last_name", "Name", "email", target.email()))
                    .send();
            ApiResponse patch = api.patch(STAFFS + target.id())
                    .token(member.token())
                    .json(fields("first_name", "Hacked"))
                    .send();

            for (ApiResponse response : List.of(create, replace, patch)) {
                assertThat(response.status()).as(response.body()).isEqualTo(403);
                assertThat(response.contentType()).startsWith("application/problem+json");
            }
            assertThat(countByEmail(email)).isZero();
            assertThat(row(target.id()).get("first_name")).isEqualTo("Test");
        }

        @Test
        void managerCanCreateAndEditMembers() {
            Member manager = member("manager");
            String email = uniqueEmail("by-manager");

            ApiResponse create = api.post(STAFFS)
                    .token(manager.token())
                    .json(fields("first_name", "By", "last_name", "Manager", "email", email))
                    .send();
            assertThat(create.status()).as(create.body()).isEqualTo(201);
            long id = create.json().get("id").asLong();
            ApiResponse patch = api.patch(STAFFS + id)
                    .token(manager.token())
                    .json(fields("job_title", "Clerk"))
                    .send();

            assertThat(patch.status()).as(patch.body()).isEqualTo(200);
            assertThat(row(id).get("job_title")).isEqualTo("Clerk");
            assertThat(roleNames(id)).containsExactly("member");
        }

        @Test
        void managerCannotDeactivate() {
            Member manager = member("manager");
            Member target = member();

            ApiResponse response =
                    api.delete(STAFFS + target.id()).token(manager.token()).send();

            assertThat(response.status()).isEqualTo(403);
            assertThat(row(target.id()).get("is_active")).isEqualTo(true);
            assertThat(api.get(STAFFS + target.id())
                            .token(target.token())
                            .send()
                            .status())
                    .isEqualTo(200);
        }

        @Test
        void managerCannotChangeRoles() {
            Member manager = member("manager");
            Member target = member();
            String email = uniqueEmail("mgr-role");

            ApiResponse patch = api.patch(STAFFS + target.id())
                    .token(manager.token())
                    .json(fields("roles", List.of("manager")))
                    .send();
            ApiResponse create = api.post(STAFFS)
                    .token(manager.token())
                    .json(fields("first_name", "Mgr", "last_name", "Role", "email", email, "roles", List.of("manager")))
                    .send();

            assertThat(patch.status()).as(patch.body()).isEqualTo(403);
            assertThat(create.status()).as(create.body()).isEqualTo(403);
            assertThat(roleNames(target.id())).containsExactly("member");
            assertThat(countByEmail(email)).isZero();
        }

        @Test
        void adminCanAssignRolesItHolds() {
            String admin = member("admin").token();
            Member target = member();

            ApiResponse response = api.patch(STAFFS + target.id())
                    .token(admin)
                    .json(fields("roles", List.of("manager", "member")))
                    .send();

            assertThat(response.status()).as(response.body()).isEqualTo(200);
            assertThat(strings(response.json().get("roles"))).containsExactlyInAnyOrder("manager", "member");
            assertThat(roleNames(target.id())).containsExactly("manager", "member");
        }

        @Test
        void adminCannotGrantOwnerOrSuperadmin() {
            String admin = member("admin").token();
            Member target = member();

            for (String role : List.of("owner", "superadmin")) {
                ApiResponse patch = api.patch(STAFFS + target.id())
                        .token(admin)
                        .json(fields("roles", List.of(role)))
                        .send();
                assertThat(patch.status()).as(role + " " + patch.body()).isEqualTo(403);

                String email = uniqueEmail("admin-grants-" + role);
                ApiResponse create = api.post(STAFFS)
                        .token(admin)
                        .json(fields(
                                "first_name", "Esc", "last_name", "Alation", "email", email, "roles", List.of(role)))
                        .send();
                assertThat(create.status()).as(role + " " + create.body()).isEqualTo(403);
                assertThat(countByEmail(email)).isZero();
            }
            assertThat(roleNames(target.id())).containsExactly("member");
        }

        @Test
        void superadminCanGrantOwnerAndSuperadmin() {
            Member target = member();

            ApiResponse owner = api.patch(STAFFS + target.id())
                    .token(superadminToken())
                    .json(fields("roles", List.of("owner")))
                    .send();
            assertThat(owner.status()).as(owner.body()).isEqualTo(200);
            assertThat(roleNames(target.id())).containsExactly("owner");

            ApiResponse superadmin = api.patch(STAFFS + target.id())
                    .token(superadminToken())
                    .json(fields("roles", List.of("superadmin")))
                    .send();
            assertThat(superadmin.status()).as(superadmin.body()).isEqualTo(200);
            assertThat(strings(superadmin.json().get("roles"))).containsExactly("superadmin");
            assertThat(roleNames(target.id())).containsExactly("superadmin");
        }

        @Test
        void nobodyCanChangeTheirOwnRoles() {
            Member admin = member("admin");
            Member manager = member("manager");

            ApiResponse adminSelf = api.patch(STAFFS + admin.id())
                    .token(admin.token())
                    .json(fields("roles", List.of("admin", "manager")))
                    .send();
            ApiResponse managerSelf = api.patch(STAFFS + manager.id())
                    .token(manager.token())
                    .json(fields("roles", List.of("member")))
                    .send();

            assertThat(adminSelf.status()).as(adminSelf.body()).isEqualTo(403);
            assertThat(managerSelf.status()).as(managerSelf.body()).isEqualTo(403);
            assertThat(roleNames(admin.id())).containsExactly("admin");
            assertThat(roleNames(manager.id())).containsExactly("manager");
        }

        @Test
        void managerCannotEditAnAdmin() {
            Member manager = member("manager");
            Member admin = member("admin");

            ApiResponse patch = api.patch(STAFFS + admin.id())
                    .token(manager.token())
                    .json(fields("job_title", "Demoted"))
                    .send();
            ApiResponse replace = api.put(STAFFS + admin.id())
                    .token(manager.token())
                    .json(fields(
                            "first_name",
                            "Taken",
                            "last_name",
                            "Over",
                            "email",
                            admin.email(),
                            "roles",
                            List.of("admin")))
                    .send();

            assertThat(patch.status()).as(patch.body()).isEqualTo(403);
            assertThat(replace.status()).as(replace.body()).isEqualTo(403);
            assertThat(row(admin.id()).get("job_title")).isNull();
            assertThat(row(admin.id()).get("first_name")).isEqualTo("Test");
        }

        @Test
        void adminCannotChangeStaffOfAnotherOrganization() {
            long organization = newOrganization("Elsewhere");
            String admin = member(organization, "admin").token();
            Member outsider = member();

            ApiResponse patch = api.patch(STAFFS + outsider.id())
                    .token(admin)
                    .json(fields("job_title", "Foreign"))
                    .send();
            ApiResponse delete = api.delete(STAFFS + outsider.id()).token(admin).send();

            assertThat(patch.status()).isEqualTo(404);
            assertThat(delete.status()).isEqualTo(404);
            assertThat(row(outsider.id()).get("job_title")).isNull();
            assertThat(row(outsider.id()).get("is_active")).isEqualTo(true);
        }
    }

    // ---- helpers ----

    /** The staff row with jsonb and arrays as text, or null. */
    Map<String, Object> row(long id) {
        return jdbc.sql("""
                        select s.id, s.organization_id, s.key, s.username, s.email, s.first_name, s.last_name, s.job_title,
                               s.phone, s.mobile_phone, s.time_zone, s.avatar_url, s.remote_id,
                               s.attributes::text as attributes, array_to_string(s.tags, ',') as tags,
                               s.is_active, s.has_activated, s.password_hash, s.last_login, s.date_joined,
                               s.created_at, s.modified_at
                        from staff s where s.id = :id""").param("id", id).query().listOfRows().stream()
                .findFirst()
                .orElse(null);
    }

    List<String> roleNames(long staffId) {
        return jdbc.sql("""
                        select r.name from staff_roles sr join roles r on r.id = sr.role_id
                        where sr.staff_id = :id order by r.name""").param("id", staffId).query(String.class).list();
    }

    List<String> loginIdentifiers(long staffId) {
        return jdbc.sql("select identifier from login_identifiers where staff_id = :id")
                .param("id", staffId)
                .query(String.class)
                .list();
    }

    long countByEmail(String email) {
        return jdbc.sql("select count(*) from staff where lower(email) = lower(:email)")
                .param("email", email)
                .query(Long.class)
                .single();
    }

    long countByLastName(String lastName) {
        return jdbc.sql("select count(*) from staff where last_name = :name")
                .param("name", lastName)
                .query(Long.class)
                .single();
    }

    int loginStatus(String username, String password) {
        return api.post("/api/v1/auth/login")
                .json(Map.of("username", username, "password", password))
                .send()
                .status();
    }
}
