package com.staffkit.staff;

import static com.staffkit.support.Json.errorFields;
import static com.staffkit.support.Json.fields;
import static org.assertj.core.api.Assertions.assertThat;

import com.staffkit.support.ApiResponse;
import com.staffkit.support.IntegrationTest;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The error catalogue: every failure is RFC 9457 problem+json a client can act on, and leaks nothing. */
class ErrorResponseTests extends IntegrationTest {

    private static final String STAFFS = "/api/v1/staffs/";
    private static final List<String> LEAKS = List.of(
            "exception",
            "at com.",
            "at org.",
            "sql",
            "constraint",
            "org.springframework",
            "org.hibernate",
            "tools.jackson",
            "java.lang",
            "jdbc",
            "uk_login_identifiers",
            "uk_staff");

    @Nested
    class ProblemShape {

        @Test
        void validationProblemHasTypeTitleStatusDetailAndSnakeCaseFieldErrors() {
            ApiResponse response = api.post(STAFFS)
                    .token(superadminToken())
                    .json(fields(
                            "first_name", "",
                            "last_name", "Shape",
                            "email", "not-an-email",
                            "mobile_phone", "call me"))
                    .send();

            JsonNode problem = assertProblem(response, 400);
            JsonNode errors = problem.get("errors");
            assertThat(errors.isArray()).isTrue();
            for (JsonNode error : errors) {
                assertThat(error.get("field").asString()).matches("[a-z_]+");
                assertThat(error.get("message").asString()).isNotBlank();
            }
            assertThat(errorFields(response)).contains("first_name", "email", "mobile_phone");
        }

        @Test
        void authenticationAndPermissionFailuresAreProblemsToo() {
            Member member = member("member");

            assertProblem(api.post(STAFFS).json(fields("first_name", "A")).send(), 401);
            assertProblem(
                    api.post(STAFFS)
                            .token("not-a-token")
                            .json(fields("first_name", "A"))
                            .send(),
                    401);
            assertProblem(
                    api.post(STAFFS)
                            .token(member.token())
                            .json(fields("first_name", "No", "last_name", "Perm", "email", uniqueEmail("perm")))
                            .send(),
                    403);
            assertProblem(api.delete(STAFFS + member.id()).token(member.token()).send(), 403);
        }

        @Test
        void unsupportedMethodAndUnknownPathAreProblems() {
            assertProblem(api.delete(STAFFS).token(superadminToken()).send(), 405);
            assertProblem(
                    api.get("/api/v1/no-such-resource/")
                            .token(superadminToken())
                            .send(),
                    404);
        }
    }

    @Nested
    class MalformedBodies {

        @Test
        void malformedJsonIs400OnPostPutAndPatch() {
            long id = newStaff().get("id").asLong();
            String broken = "{\"first_name\": \"Broken\", \"last_name\": ";

            for (ApiResponse response : List.of(
                    api.post(STAFFS).token(superadminToken()).json(broken).send(),
                    api.put(STAFFS + id).token(superadminToken()).json(broken).send(),
                    api.patch(STAFFS + id).token(superadminToken()).json(broken).send(),
                    api.post(STAFFS)
                            .token(superadminToken())
                            .json("not json at all")
                            .send())) {
                assertProblem(response, 400);
            }
            assertThat(row(id).get("first_name")).isEqualTo("Err");
        }

        @Test
        void missingBodyOrNonObjectPatchIs400() {
            long id = newStaff().get("id").asLong();

            assertProblem(
                    api.post(STAFFS)
                            .token(superadminToken())
                            .body("application/json", "")
                            .send(),
                    400);
            for (String body : List.of("", "[]", "\"job_title\"", "42", "null")) {
                ApiResponse response = api.patch(STAFFS + id)
                        .token(superadminToken())
                        .body("application/json", body)
                        .send();
                assertThat(response.status()).as("PATCH body <%s>", body).isEqualTo(400);
                assertProblem(response, 400);
            }
            assertThat(row(id).get("first_name")).isEqualTo("Err");
        }

        @Test
        void wrongContentTypeIs415() {
            long id = newStaff().get("id").asLong();
            String lastName = "Text-" + unique();
            String body = json.writeValueAsString(
                    fields("first_name", "Plain", "last_name", lastName, "email", uniqueEmail("plain")));

            for (ApiResponse response : List.of(
                    api.post(STAFFS)
                            .token(superadminToken())
                            .body("text/plain", body)
                            .send(),
                    api.put(STAFFS + id)
                            .token(superadminToken())
                            .body("text/plain", body)
                            .send(),
                    api.patch(STAFFS + id)
                            .token(superadminToken())
                            .body("text/plain", body)
                            .send())) {
                assertProblem(response, 415);
            }
            assertThat(row(id).get("first_name")).isEqualTo("Err");
            assertThat(countByLastName(lastName)).isZero();
        }

        @Test
        void oversizedBodyIs413() {
            String email = uniqueEmail("huge");
            String body = json.writeValueAsString(fields(
                    "first_name", "Huge", "last_name", "Body", "email", email, "job_title", "x".repeat(70 * 1024)));

            ApiResponse response =
                    api.post(STAFFS).token(superadminToken()).json(body).send();

            JsonNode problem = assertProblem(response, 413);
            assertThat(problem.get("detail").asString()).contains(String.valueOf(64 * 1024));
            assertThat(countByEmail(email)).isZero();
        }

        @Test
        void oversizedChunkedBodyWithoutContentLengthIs413() throws Exception {
            String email = uniqueEmail("chunked");
            byte[] body = json.writeValueAsString(fields(
                            "first_name",
                            "Chunked",
                            "last_name",
                            "Body",
                            "email",
                            email,
                            "attributes",
                            Map.of("big", "y".repeat(900), "more", "z".repeat(70 * 1024))))
                    .getBytes(StandardCharsets.UTF_8);
            HttpRequest request = HttpRequest.newBuilder(URI.create(api.baseUrl() + STAFFS))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + superadminToken())
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                    .build();

            HttpResponse<String> raw;
            try (HttpClient client =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
                raw = client.send(request, HttpResponse.BodyHandlers.ofString());
            }

            ApiResponse response = new ApiResponse(raw.statusCode(), raw.headers(), raw.body(), json);
            assertProblem(response, 413);
            assertThat(countByEmail(email)).isZero();
        }
    }

    @Nested
    class UnknownProperties {

        @Test
        void unknownPropertyIsRefusedNotIgnoredOnPostPutAndPatch() {
            JsonNode staff = newStaff();
            long id = staff.get("id").asLong();
            Object modifiedAt = rowModifiedAt(staff);
            String email = uniqueEmail("superuser");

            ApiResponse create = api.post(STAFFS)
                    .token(superadminToken())
                    .json(fields("first_name", "Is", "last_name", "Super", "email", email, "is_superuser", true))
                    .send();
            ApiResponse replace = api.put(STAFFS + id)
                    .token(superadminToken())
                    .json(fields(
                            "first_name",
                            "Changed",
                            "last_name",
                            "Super",
                            "email",
                            staff.get("email").asString(),
                            "is_superuser",
                            true))
                    .send();
            ApiResponse patch = api.patch(STAFFS + id)
                    .token(superadminToken())
                    .json(fields("job_title", "Changed", "is_superuser", true))
                    .send();

            for (ApiResponse response : List.of(create, replace, patch)) {
                JsonNode problem = assertProblem(response, 400);
                assertThat(errorFields(response)).containsExactly("is_superuser");
                assertThat(problem.get("detail").asString()).contains("is_superuser");
            }
            assertThat(countByEmail(email)).isZero();
            assertThat(row(id).get("first_name")).isEqualTo("Err");
            assertThat(row(id).get("job_title")).isNull();
            assertThat(rowModifiedAt(staff)).isEqualTo(modifiedAt);
        }

        @Test
        void unknownPropertyIsRefusedEvenWhenItsValueIsNull() {
            JsonNode staff = newStaff();
            long id = staff.get("id").asLong();
            Object modifiedAt = rowModifiedAt(staff);
            String email = uniqueEmail("null-superuser");

            ApiResponse create = api.post(STAFFS)
                    .token(superadminToken())
                    .json(fields("first_name", "Is", "last_name", "Null", "email", email, "is_superuser", null))
                    .send();
            ApiResponse replace = api.put(STAFFS + id)
                    .token(superadminToken())
                    .json(fields(
                            "first_name",
                            "Changed",
                            "last_name",
                            "Null",
                            "email",
                            staff.get("email").asString(),
                            "is_superuser",
                            null))
                    .send();
            ApiResponse patch = api.patch(STAFFS + id)
                    .token(superadminToken())
                    .json(fields("job_title", "Changed", "is_superuser", null))
                    .send();

            for (ApiResponse response : List.of(create, replace, patch)) {
                assertProblem(response, 400);
                assertThat(errorFields(response)).containsExactly("is_superuser");
            }
            assertThat(countByEmail(email)).isZero();
            assertThat(row(id).get("first_name")).isEqualTo("Err");
            assertThat(row(id).get("job_title")).isNull();
            assertThat(rowModifiedAt(staff)).isEqualTo(modifiedAt);
        }

        @Test
        void readOnlyPropertiesWithNullValuesAreStillIgnoredOnPatch() {
            JsonNode staff = newStaff();
            long id = staff.get("id").asLong();

            ApiResponse response = api.patch(STAFFS + id)
                    .token(superadminToken())
                    .json(fields("id", null, "key", null, "created_at", null, "job_title", "Kept"))
                    .send();

            assertThat(response.status()).as(response.body()).isEqualTo(200);
            assertThat(response.json().get("id").asLong()).isEqualTo(id);
            assertThat(response.json().get("key").asString())
                    .isEqualTo(staff.get("key").asString());
            assertThat(row(id).get("job_title")).isEqualTo("Kept");
        }

        @Test
        void camelCaseNamesAreUnknownProperties() {
            String email = uniqueEmail("camel");

            ApiResponse response = api.post(STAFFS)
                    .token(superadminToken())
                    .json(fields("firstName", "Camel", "last_name", "Case", "email", email))
                    .send();

            assertProblem(response, 400);
            assertThat(errorFields(response)).containsExactly("firstName");
            assertThat(countByEmail(email)).isZero();
        }

        @Test
        void writeOnlyCreateFieldsAreUnknownOnPatch() {
            JsonNode staff = newStaff();
            long id = staff.get("id").asLong();

            for (String name : List.of("password", "generate_password", "password_hash")) {
                Object value = name.equals("generate_password") ? (Object) true : "Sneaky-Password-123";
                ApiResponse response = api.patch(STAFFS + id)
                        .token(superadminToken())
                        .json(fields(name, value))
                        .send();
                assertProblem(response, 400);
                assertThat(errorFields(response)).as(name).containsExactly(name);
            }
            assertThat(row(id).get("password_hash")).isNull();
            assertThat(row(id).get("has_activated")).isEqualTo(false);
        }
    }

    @Nested
    class InvalidValues {

        @Test
        void badFieldValuesOnCreateAre400NamingTheField() {
            assertInvalidCreate("first_name", fields("first_name", "   "));
            assertInvalidCreate("email", fields("email", "not-an-email"));
            assertInvalidCreate("tags", fields("tags", "night-shift"));
            assertInvalidCreate("is_active", fields("is_active", "maybe"));
            assertInvalidCreate("phone", fields("phone", "call me maybe"));
            assertInvalidCreate("avatar_url", fields("avatar_url", "ftp://example.com/a.png"));
            assertInvalidCreate("username", fields("username", "has spaces " + unique()));
        }

        @Test
        void attributesWithNonStringValuesAre400() {
            assertInvalidCreate("attributes", fields("attributes", Map.of("nested", Map.of("a", "b"))));
            assertInvalidCreate("attributes", fields("attributes", Map.of("list", List.of("a"))));
            assertInvalidCreate("attributes", fields("attributes", List.of("a", "b")));
            assertInvalidCreate("attributes", fields("attributes", "badge=A-17"));
        }

        @Test
        void invalidTimeZoneIs400OnPatchToo() {
            JsonNode staff = newStaff();
            long id = staff.get("id").asLong();

            ApiResponse response = api.patch(STAFFS + id)
                    .token(superadminToken())
                    .json(fields("time_zone", "Europe/Atlantis"))
                    .send();

            assertProblem(response, 400);
            assertThat(errorFields(response)).containsExactly("time_zone");
            assertThat(row(id).get("time_zone")).isNull();
        }

        @Test
        void badValuesOnPatchAre400NamingTheField() {
            JsonNode staff = newStaff();
            long id = staff.get("id").asLong();

            for (Map.Entry<String, Object> bad : List.<Map.Entry<String, Object>>of(
                    Map.entry("email", (Object) "not-an-email"),
                    Map.entry("tags", "solo"),
                    Map.entry("first_name", ""),
                    Map.entry("roles", List.of("no-such-role")))) {
                ApiResponse response = api.patch(STAFFS + id)
                        .token(superadminToken())
                        .json(fields(bad.getKey(), bad.getValue()))
                        .send();
                assertProblem(response, 400);
                assertThat(errorFields(response)).as(bad.getKey()).containsExactly(bad.getKey());
            }
            assertThat(row(id).get("email")).isEqualTo(staff.get("email").asString());
        }

        private void assertInvalidCreate(String field, Map<String, Object> override) {
            String email = uniqueEmail("invalid");
            Map<String, Object> body = fields("first_name", "In", "last_name", "Valid", "email", email);
            body.putAll(override);
            ApiResponse response =
                    api.post(STAFFS).token(superadminToken()).json(body).send();
            assertProblem(response, 400);
            assertThat(errorFields(response))
                    .as(override.toString())
                    .anyMatch(
                            name -> name.equals(field) || name.startsWith(field + ".") || name.startsWith(field + "["));
            assertThat(countByEmail(email)).isZero();
        }
    }

    @Nested
    class Conflicts {

        @Test
        void duplicateEmailIs409InAnyCase() {
            String email = uniqueEmail("Dup.Email");
            newStaff("email", email);
            String lastName = "Dup-" + unique();

            ApiResponse response = api.post(STAFFS)
                    .token(superadminToken())
                    .json(fields("first_name", "Dup", "last_name", lastName, "email", email.toUpperCase(Locale.ROOT)))
                    .send();

            assertConflictOn(response, "email");
            assertThat(countByLastName(lastName)).isZero();
        }

        @Test
        void duplicateEmailIs409AcrossOrganizations() {
            String email = uniqueEmail("cross-org");
            newStaff("email", email);
            long other = newOrganization("Cross Email");
            String lastName = "Dup-" + unique();

            ApiResponse response = api.post(STAFFS)
                    .token(superadminToken())
                    .json(fields("organization", other, "first_name", "Dup", "last_name", lastName, "email", email))
                    .send();

            assertConflictOn(response, "email");
            assertThat(countByLastName(lastName)).isZero();
        }

        @Test
        void duplicateUsernameIs409InAnyCaseAndAcrossOrganizations() {
            String username = "Dup.User-" + unique();
            newStaff("username", username);
            long other = newOrganization("Cross Username");

            ApiResponse sameOrganization = api.post(STAFFS)
                    .token(superadminToken())
                    .json(fields(
                            "first_name",
                            "Dup",
                            "last_name",
                            "User",
                            "email",
                            uniqueEmail("dupuser"),
                            "username",
                            username.toLowerCase(Locale.ROOT)))
                    .send();
            ApiResponse otherOrganization = api.post(STAFFS)
                    .token(superadminToken())
                    .json(fields(
                            "organization",
                            other,
                            "first_name",
                            "Dup",
                            "last_name",
                            "User",
                            "email",
                            uniqueEmail("dupuser"),
                            "username",
                            username.toUpperCase(Locale.ROOT)))
                    .send();

            assertConflictOn(sameOrganization, "username");
            assertConflictOn(otherOrganization, "username");
            assertThat(jdbc.sql("select count(*) from staff where lower(username) = lower(:u)")
                            .param("u", username)
                            .query(Long.class)
                            .single())
                    .isEqualTo(1);
        }

        @Test
        void duplicateRemoteIdIs409WithinAnOrganizationButAllowedInAnother() {
            String remoteId = "remote-" + unique();
            newStaff("remote_id", remoteId);
            long other = newOrganization("Remote Ids");

            ApiResponse same = api.post(STAFFS)
                    .token(superadminToken())
                    .json(fields(
                            "first_name",
                            "Dup",
                            "last_name",
                            "Remote",
                            "email",
                            uniqueEmail("dupremote"),
                            "remote_id",
                            remoteId))
                    .send();
            assertConflictOn(same, "remote_id");

            ApiResponse elsewhere = api.post(STAFFS)
                    .token(superadminToken())
                    .json(fields(
                            "organization",
                            other,
                            "first_name",
                            "Other",
                            "last_name",
                            "Remote",
                            "email",
                            uniqueEmail("otherremote"),
                            "remote_id",
                            remoteId))
                    .send();
            assertThat(elsewhere.status()).as(elsewhere.body()).isEqualTo(201);
            assertThat(jdbc.sql("select count(*) from staff where remote_id = :r")
                            .param("r", remoteId)
                            .query(Long.class)
                            .single())
                    .isEqualTo(2);
        }

        @Test
        void takingAnotherStaffsUniqueValueOnUpdateIs409AndChangesNothing() {
            String username = "taken-" + unique();
            String remoteId = "taken-" + unique();
            JsonNode owner = newStaff("username", username, "remote_id", remoteId);
            JsonNode staff = newStaff();
            long id = staff.get("id").asLong();

            ApiResponse patchEmail = api.patch(STAFFS + id)
                    .token(superadminToken())
                    .json(fields("email", owner.get("email").asString().toUpperCase(Locale.ROOT), "job_title", "X"))
                    .send();
            ApiResponse patchUsername = api.patch(STAFFS + id)
                    .token(superadminToken())
                    .json(fields("username", username))
                    .send();
            ApiResponse patchRemoteId = api.patch(STAFFS + id)
                    .token(superadminToken())
                    .json(fields("remote_id", remoteId))
                    .send();
            ApiResponse put = api.put(STAFFS + id)
                    .token(superadminToken())
                    .json(fields(
                            "first_name",
                            "Err",
                            "last_name",
                            "Or",
                            "email",
                            owner.get("email").asString()))
                    .send();

            assertConflictOn(patchEmail, "email");
            assertConflictOn(patchUsername, "username");
            assertConflictOn(patchRemoteId, "remote_id");
            assertConflictOn(put, "email");
            assertThat(row(id).get("email")).isEqualTo(staff.get("email").asString());
            assertThat(row(id).get("username")).isNull();
            assertThat(row(id).get("remote_id")).isNull();
            assertThat(row(id).get("job_title")).isNull();
            assertThat(row(id).get("first_name")).isEqualTo("Err");
            assertThat(jdbc.sql("select identifier from login_identifiers where staff_id = :id")
                            .param("id", id)
                            .query(String.class)
                            .list())
                    .containsExactly(staff.get("email").asString().toLowerCase(Locale.ROOT));
        }

        @Test
        void keepingYourOwnEmailIsNoConflict() {
            JsonNode staff = newStaff();
            long id = staff.get("id").asLong();

            ApiResponse response = api.put(STAFFS + id)
                    .token(superadminToken())
                    .json(fields(
                            "first_name",
                            "Same",
                            "last_name",
                            "Email",
                            "email",
                            staff.get("email").asString()))
                    .send();

            assertThat(response.status()).as(response.body()).isEqualTo(200);
        }

        private void assertConflictOn(ApiResponse response, String field) {
            JsonNode problem = assertProblem(response, 409);
            assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo(field);
        }
    }

    @Nested
    class NotFound {

        @Test
        void unknownIdIs404ForEveryMethod() {
            String path = STAFFS + Long.MAX_VALUE;
            Map<String, Object> body = fields("first_name", "No", "last_name", "One", "email", uniqueEmail("ghost"));

            List<ApiResponse> responses = List.of(
                    api.get(path).token(superadminToken()).send(),
                    api.put(path).token(superadminToken()).json(body).send(),
                    api.patch(path)
                            .token(superadminToken())
                            .json(fields("job_title", "X"))
                            .send(),
                    api.delete(path).token(superadminToken()).send());

            for (ApiResponse response : responses) {
                assertProblem(response, 404);
            }
            assertThat(countByEmail((String) body.get("email"))).isZero();
        }
    }

    // ---- helpers ----

    private JsonNode assertProblem(ApiResponse response, int status) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).as(response.body()).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(URI.create(problem.get("type").asString()).isAbsolute())
                .as("type is an absolute URI: " + problem)
                .isTrue();
        assertThat(problem.get("title").asString()).isNotBlank();
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("detail").asString()).isNotBlank();
        String lower = response.body().toLowerCase(Locale.ROOT);
        for (String leak : LEAKS) {
            assertThat(lower)
                    .as("response leaks '%s': %s", leak, response.body())
                    .doesNotContain(leak);
        }
        if (problem.has("errors")) {
            for (JsonNode error : problem.get("errors")) {
                assertThat(error.get("field").asString()).isNotBlank();
                assertThat(error.get("message").asString()).isNotBlank();
            }
        }
        return problem;
    }

    private JsonNode newStaff(Object... extra) {
        Map<String, Object> body = fields("first_name", "Err", "last_name", "Or", "email", uniqueEmail("err"));
        body.putAll(fields(extra));
        return createStaff(body);
    }

    private Object rowModifiedAt(JsonNode staff) {
        return jdbc.sql("select modified_at from staff where id = :id")
                .param("id", staff.get("id").asLong())
                .query()
                .singleValue();
    }

    private Map<String, Object> row(long id) {
        return jdbc.sql("select * from staff where id = :id")
                .param("id", id)
                .query()
                .singleRow();
    }

    private long countByEmail(String email) {
        return jdbc.sql("select count(*) from staff where lower(email) = lower(:email)")
                .param("email", email)
                .query(Long.class)
                .single();
    }

    private long countByLastName(String lastName) {
        return jdbc.sql("select count(*) from staff where last_name = :name")
                .param("name", lastName)
                .query(Long.class)
                .single();
    }
}
