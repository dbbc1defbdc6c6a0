package com.staffkit.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.staffkit.support.ApiResponse;
import com.staffkit.support.IntegrationTest;
import com.staffkit.support.TestMail;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * What an attacker's probe of the service found, one nested class per finding: each reproduces the
 * probe over HTTP and asserts the refusal, the body and what the database kept.
 */
class AttackerProbeTests extends IntegrationTest {

    private static final String STAFFS = "/api/v1/staffs/";
    private static final Duration MAIL_WAIT = Duration.ofSeconds(10);

    private long organization;
    private Member admin;

    @BeforeEach
    void anOrganizationWithAnAdmin() {
        organization = newOrganization("Probe Retail");
        admin = member(organization, "admin");
    }

    @Nested
    class AKeyAgainstItsCreator {

        @Test
        void aStaffWriteKeyCannotChangeItsCreatorsEmail() {
            String key = mint(admin.token(), staffWriterRole());
            String attacker = uniqueEmail("attacker");

            ApiResponse response = api.patch(STAFFS + admin.id() + "/")
                    .header("X-Api-Key", key)
                    .json(Map.of("email", attacker))
                    .send();

            assertThat(response.status()).as(response.body()).isEqualTo(403);
            assertThat(response.json().get("type").asString()).endsWith("/forbidden");
            assertThat(emailOf(admin.id())).isEqualTo(admin.email());
        }

        @Test
        void aKeyIsBoundByTheMorePowerfulAccountRuleOnItsCreatorToo() {
            String key = mint(admin.token(), staffWriterRole());

            ApiResponse response = api.patch(STAFFS + admin.id() + "/")
                    .header("X-Api-Key", key)
                    .json(Map.of("first_name", "Renamed"))
                    .send();

            assertThat(response.status()).as(response.body()).isEqualTo(403);
            assertThat(response.json().get("detail").asString()).contains("permissions you do not have");
            assertThat(firstNameOf(admin.id())).isEqualTo("Test");
        }

        @Test
        void aKeyAsPowerfulAsItsCreatorStillCannotChangeItsLoginRolesOrState() {
            String key = mint(admin.token(), "admin");
            List<Map<String, Object>> changes = List.of(
                    Map.of("email", uniqueEmail("attacker")),
                    Map.of("username", "attacker-" + unique()),
                    Map.of("roles", List.of("admin", "manager")),
                    Map.of("is_active", false));

            for (Map<String, Object> change : changes) {
                ApiResponse response = api.patch(STAFFS + admin.id() + "/")
                        .header("X-Api-Key", key)
                        .json(change)
                        .send();
                assertThat(response.status()).as(change + " " + response.body()).isEqualTo(403);
                assertThat(response.json().get("detail").asString())
                        .as(change.toString())
                        .contains("created");
            }
            Map<String, Object> row = jdbc.sql("select email, username, is_active from staff where id = :id")
                    .param("id", admin.id())
                    .query()
                    .singleRow();
            assertThat(row.get("email")).isEqualTo(admin.email());
            assertThat(row.get("username")).isNull();
            assertThat(row.get("is_active")).isEqualTo(true);
            assertThat(api.delete(STAFFS + admin.id() + "/")
                            .header("X-Api-Key", key)
                            .send()
                            .status())
                    .isEqualTo(403);
        }

        @Test
        void aKeyAsPowerfulAsItsCreatorMayStillChangeItsOtherFields() {
            String key = mint(admin.token(), "admin");

            ApiResponse response = api.patch(STAFFS + admin.id() + "/")
                    .header("X-Api-Key", key)
                    .json(Map.of("job_title", "Store lead"))
                    .send();

            assertThat(response.status()).as(response.body()).isEqualTo(200);
            assertThat(response.json().get("job_title").asString()).isEqualTo("Store lead");
        }

        @Test
        void theKeyStillChangesTheEmailOfAccountsNoMorePowerfulThanItself() {
            String role = staffWriterRole();
            String key = mint(admin.token(), role);
            long colleague = createStaff(Map.of(
                            "organization",
                            organization,
                            "first_name",
                            "Col",
                            "last_name",
                            "League",
                            "email",
                            uniqueEmail("colleague"),
                            "roles",
                            List.of(role)))
                    .get("id")
                    .asLong();
            String changed = uniqueEmail("changed");

            ApiResponse response = api.patch(STAFFS + colleague + "/")
                    .header("X-Api-Key", key)
                    .json(Map.of("email", changed))
                    .send();

            assertThat(response.status()).as(response.body()).isEqualTo(200);
            assertThat(emailOf(colleague)).isEqualTo(changed);
        }

        @Test
        void theCreatorsOwnSessionMayStillChangeItsEmail() {
            String changed = uniqueEmail("own");

            ApiResponse response = api.patch(STAFFS + admin.id() + "/")
                    .token(admin.token())
                    .json(Map.of("email", changed))
                    .send();

            assertThat(response.status()).as(response.body()).isEqualTo(200);
            assertThat(emailOf(admin.id())).isEqualTo(changed);
        }

        /** A custom role of the organization holding only staff:read and staff:write. */
        private String staffWriterRole() {
            String role = "Staff Sync " + unique();
            api.post("/api/v1/roles")
                    .token(admin.token())
                    .json(Map.of("name", role, "permissions", List.of("staff:read", "staff:write")))
                    .send()
                    .json(201);
            return role;
        }
    }

    @Nested
    class AKeyOfANarrowedCreator {

        @Test
        void followsItsCreatorDownToTheStoresTheCreatorStillSees() {
            long mine = store("Mine");
            long other = store("Other");
            long kept = staffIn(mine);
            long hidden = staffIn(other);
            String key = mint(admin.token(), "member", "manager");
            assertThat(api.get(STAFFS + hidden + "/")
                            .header("X-Api-Key", key)
                            .send()
                            .status())
                    .isEqualTo(200);

            api.patch(STAFFS + admin.id() + "/")
                    .token(superadminToken())
                    .json(Map.of(
                            "roles", List.of("manager"), "full_store_access", false, "retail_stores", List.of(mine)))
                    .send()
                    .json(200);

            ApiResponse one =
                    api.get(STAFFS + hidden + "/").header("X-Api-Key", key).send();
            ApiResponse list =
                    api.get(STAFFS + "?page_size=1000").header("X-Api-Key", key).send();
            ApiResponse change = api.patch(STAFFS + hidden + "/")
                    .header("X-Api-Key", key)
                    .json(Map.of("job_title", "Moved"))
                    .send();
            ApiResponse visible =
                    api.get(STAFFS + kept + "/").header("X-Api-Key", key).send();

            assertThat(one.status()).as(one.body()).isEqualTo(404);
            assertThat(one.json().get("type").asString()).endsWith("/not-found");
            assertThat(list.status()).isEqualTo(200);
            assertThat(list.json()
                            .get("results")
                            .valueStream()
                            .map(s -> s.get("id").asLong()))
                    .contains(kept)
                    .doesNotContain(hidden);
            assertThat(change.status()).as(change.body()).isEqualTo(404);
            assertThat(jdbc.sql("select job_title from staff where id = :id")
                            .param("id", hidden)
                            .query()
                            .singleRow()
                            .get("job_title"))
                    .isNull();
            assertThat(visible.status()).isEqualTo(200);
        }
    }

    @Nested
    class MailedLinksAfterAnAccountChange {

        private static final java.util.concurrent.atomic.AtomicInteger ADDRESSES =
                new java.util.concurrent.atomic.AtomicInteger();

        @Test
        void anActivationLinkDiesWhenTheEmailChanges() {
            String oldEmail = uniqueEmail("pending");
            long pending = createStaff(Map.of(
                            "organization", organization, "first_name", "Pen", "last_name", "Ding", "email", oldEmail))
                    .get("id")
                    .asLong();
            String token = TestMail.awaitLinkToken(oldEmail, 1, MAIL_WAIT);

            changeAsAdmin(pending, Map.of("email", uniqueEmail("moved")));

            ApiResponse check = api.get("/api/v1/activation/" + token).send();
            ApiResponse activate = api.post("/api/v1/activation")
                    .json(Map.of("token", token, "password", "attacker-chosen-password"))
                    .send();
            assertThat(check.status()).as(check.body()).isEqualTo(410);
            assertThat(activate.status()).as(activate.body()).isEqualTo(410);
            assertThat(activate.json().get("type").asString()).endsWith("/token-gone");
            Map<String, Object> row = jdbc.sql("select has_activated, password_hash from staff where id = :id")
                    .param("id", pending)
                    .query()
                    .singleRow();
            assertThat(row.get("has_activated")).isEqualTo(false);
            assertThat(row.get("password_hash")).isNull();
        }

        @Test
        void aResetLinkDiesWhenTheEmailChanges() {
            Member member = member(organization, "member");
            String token = requestReset(member.email());
            String newEmail = uniqueEmail("moved");

            changeAsAdmin(member.id(), Map.of("email", newEmail));

            assertResetRefused(token);
            assertThat(login(newEmail, PASSWORD)).isNotBlank();
        }

        @Test
        void aResetLinkDiesWhenTheUsernameChanges() {
            Member member = member(organization, "member");
            String token = requestReset(member.email());

            changeAsAdmin(member.id(), Map.of("username", "renamed-" + unique()));

            assertResetRefused(token);
            assertThat(login(member.email(), PASSWORD)).isNotBlank();
        }

        @Test
        void aResetLinkDiesWithTheUsersOwnPasswordChange() {
            Member member = member(organization, "member");
            String token = requestReset(member.email());
            String chosen = "my-own-new-password";

            assertThat(api.post("/api/v1/me/password")
                            .token(member.token())
                            .json(Map.of("current_password", PASSWORD, "new_password", chosen))
                            .send()
                            .status())
                    .isEqualTo(204);

            assertResetRefused(token);
            assertThat(login(member.email(), chosen)).isNotBlank();
        }

        @Test
        void everyOutstandingLinkOfTheAccountIsVoidedInTheDatabase() {
            Member member = member(organization, "member");
            requestReset(member.email());

            changeAsAdmin(member.id(), Map.of("email", uniqueEmail("moved")));

            assertThat(jdbc.sql("""
                            select count(*) from account_tokens
                            where staff_id = :id and used_at is null and invalidated_at is null""").param("id", member.id()).query(Long.class).single())
                    .isZero();
        }

        private String requestReset(String email) {
            assertThat(api.post("/api/v1/password-reset")
                            .header("X-Forwarded-For", clientAddress())
                            .json(Map.of("email", email))
                            .send()
                            .status())
                    .isEqualTo(202);
            return TestMail.awaitLinkToken(email, 1, MAIL_WAIT);
        }

        private void assertResetRefused(String token) {
            ApiResponse confirm = api.post("/api/v1/password-reset/confirm")
                    .header("X-Forwarded-For", clientAddress())
                    .json(Map.of("token", token, "password", "attacker-chosen-password"))
                    .send();
            assertThat(confirm.status()).as(confirm.body()).isEqualTo(410);
            assertThat(confirm.json().get("type").asString()).endsWith("/token-gone");
        }

        private void changeAsAdmin(long staffId, Map<String, Object> change) {
            api.patch(STAFFS + staffId + "/")
                    .token(admin.token())
                    .json(change)
                    .send()
                    .json(200);
        }

        /** A client address of its own (100.120.0.0/16, used by no other test), so no other test's resets count against it. */
        private String clientAddress() {
            int n = ADDRESSES.incrementAndGet();
            return "100.120." + (n / 250) + "." + (n % 250 + 1);
        }
    }

    @Nested
    class TeamFiltersOfAStoreScopedManager {

        @Test
        void theMemberFilterRevealsNothingAboutStaffOutsideTheManagersStores() {
            long mine = store("Mine");
            long hidden = staffIn(store("Other"));
            long visible = staffIn(mine);
            String manager = storeScopedManager(organization, List.of(mine)).token();
            long team = api.post("/api/teams")
                    .token(admin.token())
                    .json(Map.of("name", "Night shift " + unique()))
                    .send()
                    .json(201)
                    .get("id")
                    .asLong();
            for (long member : List.of(hidden, visible)) {
                assertThat(api.put("/api/teams/" + team + "/members/" + member)
                                .token(admin.token())
                                .send()
                                .status())
                        .isEqualTo(204);
            }
            assertThat(api.get(STAFFS + hidden + "/").token(manager).send().status())
                    .isEqualTo(404);

            ApiResponse ofHidden =
                    api.get("/api/teams?member=" + hidden).token(manager).send();
            ApiResponse ofVisible =
                    api.get("/api/teams?member=" + visible).token(manager).send();

            assertThat(ofHidden.status()).as(ofHidden.body()).isEqualTo(200);
            assertThat(ofHidden.json().get("count").asLong()).isZero();
            assertThat(ofHidden.json().get("results").isEmpty()).isTrue();
            assertThat(ofHidden.body())
                    .isEqualTo(api.get("/api/teams?member=999999999")
                            .token(manager)
                            .send()
                            .body());
            assertThat(ofVisible.json().get("count").asLong()).isEqualTo(1);
            assertThat(ofVisible.json().get("results").get(0).get("id").asLong())
                    .isEqualTo(team);
        }
    }

    @Nested
    class BadInputRefusedCleanly {

        @Test
        void anExpiryBeyondTheRepresentableRangeIs400NamingExpiresAt() {
            String name = "Forever " + unique();

            ApiResponse response = api.post("/api/v1/api-keys")
                    .token(admin.token())
                    .json("""
                            {"name": "%s", "roles": ["member"], "expires_at": "+999999999-12-31T23:59:59Z"}""".formatted(name))
                    .send();

            assertThat(response.status()).as(response.body()).isEqualTo(400);
            assertThat(response.json().get("errors").get(0).get("field").asString())
                    .isEqualTo("expires_at");
            assertThat(jdbc.sql("select count(*) from api_keys where name = :name")
                            .param("name", name)
                            .query(Long.class)
                            .single())
                    .isZero();
        }

        @Test
        void aNulInTheLoginUsernameIs400NamingUsername() {
            ApiResponse response = api.post("/api/v1/auth/login").json("""
                            {"username": "admin\\u0000@example.com", "password": "whatever-it-is"}""").send();

            assertNulRefused(response, "username");
        }

        @Test
        void aNulInAQueryParameterIs400NamingIt() {
            for (String parameter : List.of("search", "email", "username", "remote_id")) {
                ApiResponse response = api.get(STAFFS + "?" + parameter + "=a%00b")
                        .token(admin.token())
                        .send();
                assertNulRefused(response, parameter);
            }
            assertNulRefused(
                    api.get("/api/teams?search=%00").token(admin.token()).send(), "search");
        }

        @Test
        void aNulInAnyStringOfABodyIs400NamingTheFieldAndWritesNothing() {
            String email = uniqueEmail("nul");
            ApiResponse create = api.post(STAFFS)
                    .token(admin.token())
                    .json("""
                            {"first_name": "Nul\\u0000", "last_name": "Byte", "email": "%s"}""".formatted(email))
                    .send();
            ApiResponse tag = api.post(STAFFS)
                    .token(admin.token())
                    .json("""
                            {"first_name": "Nul", "last_name": "Byte", "email": "%s", "tags": ["a\\u0000"]}""".formatted(email))
                    .send();
            ApiResponse attribute = api.patch(STAFFS + admin.id() + "/")
                    .token(admin.token())
                    .json("""
                            {"attributes": {"badge": "A\\u0000"}}""")
                    .send();

            assertNulRefused(create, "first_name");
            assertNulRefused(tag, "tags[0]");
            assertNulRefused(attribute, "attributes.badge");
            assertThat(jdbc.sql("select count(*) from staff where email = :email")
                            .param("email", email)
                            .query(Long.class)
                            .single())
                    .isZero();
        }

        private void assertNulRefused(ApiResponse response, String field) {
            assertThat(response.status()).as(response.body()).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.json().get("type").asString()).endsWith("/validation");
            assertThat(response.json().get("errors").get(0).get("field").asString())
                    .isEqualTo(field);
            assertThat(response.json().get("errors").get(0).get("message").asString())
                    .contains("NUL");
        }
    }

    private long store(String name) {
        return api.post("/api/v1/stores")
                .token(superadminToken())
                .json(Map.of("organization", organization, "name", name + " " + unique()))
                .send()
                .json(201)
                .get("id")
                .asLong();
    }

    private long staffIn(long store) {
        return createStaff(Map.of(
                        "organization",
                        organization,
                        "first_name",
                        "Store",
                        "last_name",
                        "Staff",
                        "email",
                        uniqueEmail("store"),
                        "retail_stores",
                        List.of(store)))
                .get("id")
                .asLong();
    }

    private String mint(String token, String... roles) {
        return api.post("/api/v1/api-keys")
                .token(token)
                .json(Map.of("name", "Probe " + unique(), "roles", List.of(roles)))
                .send()
                .json(201)
                .get("key")
                .asString();
    }

    private String emailOf(long staffId) {
        return jdbc.sql("select email from staff where id = :id")
                .param("id", staffId)
                .query(String.class)
                .single();
    }

    private String firstNameOf(long staffId) {
        return jdbc.sql("select first_name from staff where id = :id")
                .param("id", staffId)
                .query(String.class)
                .single();
    }
}
