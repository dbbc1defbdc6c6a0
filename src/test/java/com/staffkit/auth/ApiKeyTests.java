package com.staffkit.auth;

import static com.staffkit.support.Json.strings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.staffkit.support.ApiResponse;
import com.staffkit.support.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code /api/v1/api-keys} and authenticating with a key: secrets shown once, hashes stored, revocation at once. */
class ApiKeyTests extends IntegrationTest {

    private static final String KEYS = "/api/v1/api-keys";

    private static final List<String> LISTED_FIELDS = List.of(
            "id",
            "organization",
            "name",
            "prefix",
            "roles",
            "created_by",
            "created_at",
            "expires_at",
            "last_used_at",
            "revoked_at",
            "scim_default_role");

    private long organization;
    private Member admin;

    @BeforeEach
    void anOrganizationWithAnAdmin() {
        organization = newOrganization("Key Retail");
        admin = member(organization, "admin");
    }

    @Nested
    class Minting {

        @Test
        void returnsTheFullSecretOnceAndStoresOnlyItsHashAndPrefix() throws Exception {
            String name = "POS integration " + unique();
            ApiResponse response = api.post(KEYS)
                    .token(admin.token())
                    .json(Map.of("name", name, "roles", List.of("member")))
                    .send();

            assertThat(response.status()).as(response.body()).isEqualTo(201);
            JsonNode body = response.json();
            long id = body.get("id").asLong();
            String key = body.get("key").asString();
            String prefix = body.get("prefix").asString();
            assertThat(response.header("Location")).endsWith("/api/v1/api-keys/" + id);
            assertThat(response.header("Cache-Control")).contains("no-store");
            assertThat(key).startsWith("sk_").hasSizeGreaterThanOrEqualTo(40);
            assertThat(prefix).startsWith("sk_").hasSizeLessThan(key.length() / 2);
            assertThat(key).startsWith(prefix);
            assertThat(body.get("name").asString()).isEqualTo(name);
            assertThat(strings(body.get("roles"))).containsExactly("member");
            assertThat(body.get("organization").asLong()).isEqualTo(organization);
            assertThat(body.get("created_by").asLong()).isEqualTo(admin.id());
            assertThat(Instant.parse(body.get("created_at").asString()))
                    .isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(5));
            for (String unset : List.of("expires_at", "last_used_at", "revoked_at")) {
                assertThat(body.get(unset).isNull()).as(unset).isTrue();
            }

            Map<String, Object> row = keyRow(id);
            assertThat(row)
                    .containsEntry("organization_id", organization)
                    .containsEntry("name", name)
                    .containsEntry("prefix", prefix)
                    .containsEntry("created_by", admin.id());
            byte[] expectedHash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            assertThat((byte[]) row.get("key_hash")).isEqualTo(expectedHash);
            assertThat(jdbc.sql("""
                            select count(*) from api_keys
                            where prefix = :key or encode(key_hash, 'escape') = :key or name = :key""").param("key", key).query(Long.class).single())
                    .isZero();
        }

        @Test
        void listAndGetNeverShowTheSecret() {
            JsonNode minted = mint(admin.token(), "Reporting " + unique(), "member");
            long id = minted.get("id").asLong();
            String key = minted.get("key").asString();

            ApiResponse one = api.get(KEYS + "/" + id).token(admin.token()).send();
            ApiResponse list = api.get(KEYS).token(admin.token()).send();

            assertThat(one.status()).isEqualTo(200);
            assertThat(one.json().propertyNames()).containsExactlyInAnyOrderElementsOf(LISTED_FIELDS);
            assertThat(one.json().get("prefix").asString())
                    .isEqualTo(minted.get("prefix").asString());
            assertThat(one.json().get("name").asString())
                    .isEqualTo(minted.get("name").asString());
            assertThat(one.body()).doesNotContain(key);

            assertThat(list.status()).isEqualTo(200);
            assertThat(list.json().propertyNames()).containsExactlyInAnyOrder("count", "next", "previous", "results");
            assertThat(list.json().get("count").asLong()).isEqualTo(1);
            JsonNode listed = list.json().get("results").get(0);
            assertThat(listed.get("id").asLong()).isEqualTo(id);
            assertThat(listed.propertyNames()).containsExactlyInAnyOrderElementsOf(LISTED_FIELDS);
            assertThat(strings(listed.get("roles"))).containsExactly("member");
            assertThat(list.body()).doesNotContain(key);
        }

        @Test
        void acceptsAFutureExpiry() {
            Instant expiresAt = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
            ApiResponse response = api.post(KEYS)
                    .token(admin.token())
                    .json(Map.of(
                            "name",
                            "Temporary " + unique(),
                            "roles",
                            List.of("member"),
                            "expires_at",
                            expiresAt.toString()))
                    .send();

            assertThat(response.status()).as(response.body()).isEqualTo(201);
            assertThat(Instant.parse(response.json().get("expires_at").asString()))
                    .isEqualTo(expiresAt);
            assertThat(((Timestamp) keyRow(response.json().get("id").asLong()).get("expires_at")).toInstant())
                    .isEqualTo(expiresAt);
            assertThat(api.get("/api/v1/staffs/")
                            .header("X-Api-Key", response.json().get("key").asString())
                            .send()
                            .status())
                    .isEqualTo(200);
        }

        @Test
        void pastExpiryIs400NamingExpiresAt() {
            String name = "Stale " + unique();
            ApiResponse response = api.post(KEYS)
                    .token(admin.token())
                    .json(Map.of(
                            "name",
                            name,
                            "roles",
                            List.of("member"),
                            "expires_at",
                            Instant.now().minusSeconds(60).toString()))
                    .send();

            assertThat(response.status()).isEqualTo(400);
            assertThat(response.json().get("errors").get(0).get("field").asString())
                    .isEqualTo("expires_at");
            assertThat(countKeysNamed(name)).isZero();
        }

        @Test
        void unknownRoleIs400NamingRoles() {
            long other = newOrganization("Other Retail");
            String foreignRole = "Foreign Role " + unique();
            ApiResponse created = api.post("/api/v1/roles")
                    .token(member(other, "admin").token())
                    .json(Map.of("name", foreignRole, "permissions", List.of("staff:read")))
                    .send();
            assertThat(created.status()).isEqualTo(201);

            for (String role : List.of("no-such-role", foreignRole)) {
                String name = "Unknown " + unique();
                ApiResponse response = api.post(KEYS)
                        .token(admin.token())
                        .json(Map.of("name", name, "roles", List.of("member", role)))
                        .send();
                assertThat(response.status()).as(role).isEqualTo(400);
                assertThat(response.json().get("errors").get(0).get("field").asString())
                        .isEqualTo("roles");
                assertThat(countKeysNamed(name)).isZero();
            }
        }

        @Test
        void superadminRoleIs400EvenForTheSuperadmin() {
            for (String token : List.of(admin.token(), superadminToken())) {
                String name = "Everything " + unique();
                ApiResponse response = api.post(KEYS)
                        .token(token)
                        .json(Map.of("name", name, "roles", List.of("superadmin")))
                        .send();
                assertThat(response.status()).as(response.body()).isEqualTo(400);
                assertThat(response.json().get("errors").get(0).get("field").asString())
                        .isEqualTo("roles");
                assertThat(countKeysNamed(name)).isZero();
            }
        }

        @Test
        void roleCarryingPermissionsTheCallerLacksIs403() {
            Member owner = member(organization, "owner");
            String orgEditor = "Org Editor " + unique();
            assertThat(api.post("/api/v1/roles")
                            .token(owner.token())
                            .json(Map.of("name", orgEditor, "permissions", List.of("organizations:write")))
                            .send()
                            .status())
                    .isEqualTo(201);

            for (String role : List.of("owner", orgEditor)) {
                String name = "Too strong " + unique();
                ApiResponse response = api.post(KEYS)
                        .token(admin.token())
                        .json(Map.of("name", name, "roles", List.of(role)))
                        .send();
                assertThat(response.status()).as(role).isEqualTo(403);
                assertThat(countKeysNamed(name)).isZero();
            }

            JsonNode byOwner = mint(owner.token(), "Owner key " + unique(), "owner");
            assertThat(strings(byOwner.get("roles"))).containsExactly("owner");
        }

        @Test
        void managingKeysNeedsApiKeysManage() {
            JsonNode existing = mint(admin.token(), "Existing " + unique(), "member");
            for (String role : List.of("manager", "member")) {
                Member caller = member(organization, role);
                String name = "Denied " + unique();
                assertThat(api.post(KEYS)
                                .token(caller.token())
                                .json(Map.of("name", name, "roles", List.of("worker")))
                                .send()
                                .status())
                        .as(role)
                        .isEqualTo(403);
                assertThat(api.get(KEYS).token(caller.token()).send().status())
                        .as(role)
                        .isEqualTo(403);
                assertThat(api.get(KEYS + "/" + existing.get("id").asLong())
                                .token(caller.token())
                                .send()
                                .status())
                        .isEqualTo(403);
                assertThat(api.delete(KEYS + "/" + existing.get("id").asLong())
                                .token(caller.token())
                                .send()
                                .status())
                        .isEqualTo(403);
                assertThat(countKeysNamed(name)).isZero();
            }
            assertThat(keyRow(existing.get("id").asLong()).get("revoked_at")).isNull();
        }

        @Test
        void aKeyCannotMintKeys() {
            String adminKey = mint(admin.token(), "Provisioner " + unique(), "admin")
                    .get("key")
                    .asString();
            String name = "Child " + unique();

            ApiResponse response = api.post(KEYS)
                    .header("X-Api-Key", adminKey)
                    .json(Map.of("name", name, "roles", List.of("member")))
                    .send();

            assertThat(response.status()).as(response.body()).isEqualTo(403);
            assertThat(jdbc.sql("select count(*) from api_keys where name = :name")
                            .param("name", name)
                            .query(Long.class)
                            .single())
                    .isZero();
        }

        @Test
        void ownerAndSuperadminMayManageKeys() {
            Member owner = member(organization, "owner");
            JsonNode byOwner = mint(owner.token(), "Owner key " + unique(), "member");
            assertThat(byOwner.get("organization").asLong()).isEqualTo(organization);
            assertThat(byOwner.get("created_by").asLong()).isEqualTo(owner.id());

            JsonNode bySuperadmin = mint(superadminToken(), "Root key " + unique(), "admin");
            assertThat(bySuperadmin.get("organization").asLong()).isEqualTo(defaultOrganization());
            assertThat(api.get(KEYS + "/" + byOwner.get("id").asLong())
                            .token(superadminToken())
                            .send()
                            .status())
                    .isEqualTo(200);
        }
    }

    @Nested
    class Authenticating {

        @Test
        void keyWorksInXApiKeyAndAuthorizationTokenOrBearerHeaders() {
            String key =
                    mint(admin.token(), "Sync " + unique(), "member").get("key").asString();

            ApiResponse byHeader =
                    api.get("/api/v1/staffs/").header("X-Api-Key", key).send();
            ApiResponse byAuthorization = api.get("/api/v1/staffs/")
                    .header("Authorization", "Token " + key)
                    .send();
            ApiResponse byBearer = api.get("/api/v1/staffs/")
                    .header("Authorization", "Bearer " + key)
                    .send();

            for (ApiResponse response : List.of(byHeader, byAuthorization, byBearer)) {
                assertThat(response.status()).as(response.body()).isEqualTo(200);
                assertThat(response.json().get("count").asLong()).isGreaterThanOrEqualTo(2);
                for (JsonNode staff : response.json().get("results")) {
                    assertThat(staff.get("organization").asLong()).isEqualTo(organization);
                }
            }
        }

        @Test
        void keyActsWithItsRolesPermissionsOnly() {
            String key = mint(admin.token(), "Reader " + unique(), "member")
                    .get("key")
                    .asString();
            String email = uniqueEmail("by-key");

            ApiResponse create = api.post("/api/v1/staffs/")
                    .header("X-Api-Key", key)
                    .json(Map.of("first_name", "By", "last_name", "Key", "email", email))
                    .send();
            ApiResponse roles =
                    api.get("/api/v1/roles").header("X-Api-Key", key).send();
            ApiResponse keys = api.get(KEYS).header("X-Api-Key", key).send();

            assertThat(create.status()).isEqualTo(403);
            assertThat(roles.status()).isEqualTo(403);
            assertThat(keys.status()).isEqualTo(403);
            assertThat(jdbc.sql("select count(*) from staff where lower(email) = lower(:email)")
                            .param("email", email)
                            .query(Long.class)
                            .single())
                    .isZero();
        }

        @Test
        void keyWithManagerRoleMayCreateStaffInItsOwnOrganization() {
            String key = mint(admin.token(), "HR sync " + unique(), "manager")
                    .get("key")
                    .asString();

            ApiResponse response = api.post("/api/v1/staffs/")
                    .header("Authorization", "Token " + key)
                    .json(Map.of("first_name", "Hired", "last_name", "ByKey", "email", uniqueEmail("hired")))
                    .send();

            assertThat(response.status()).as(response.body()).isEqualTo(201);
            assertThat(response.json().get("organization").asLong()).isEqualTo(organization);
        }

        @Test
        void keyWithACustomRoleGetsThatRolesPermissions() {
            String role = "Directory Reader " + unique();
            assertThat(api.post("/api/v1/roles")
                            .token(admin.token())
                            .json(Map.of("name", role, "permissions", List.of("roles:read")))
                            .send()
                            .status())
                    .isEqualTo(201);
            String key =
                    mint(admin.token(), "Roles " + unique(), role).get("key").asString();

            assertThat(api.get("/api/v1/roles").header("X-Api-Key", key).send().status())
                    .isEqualTo(200);
            assertThat(api.get("/api/v1/staffs/")
                            .header("X-Api-Key", key)
                            .send()
                            .status())
                    .isEqualTo(403);
        }

        @Test
        void changesToTheKeysRoleTakeEffectImmediately() {
            String role = "Sync Role " + unique();
            ApiResponse created = api.post("/api/v1/roles")
                    .token(admin.token())
                    .json(Map.of("name", role, "permissions", List.of("teams:read")))
                    .send();
            assertThat(created.status()).isEqualTo(201);
            String key =
                    mint(admin.token(), "Sync " + unique(), role).get("key").asString();
            assertThat(api.get("/api/v1/staffs/")
                            .header("X-Api-Key", key)
                            .send()
                            .status())
                    .isEqualTo(403);

            ApiResponse patched = api.patch(
                            "/api/v1/roles/" + created.json().get("id").asLong())
                    .token(admin.token())
                    .json(Map.of("permissions", List.of("teams:read", "staff:read")))
                    .send();
            assertThat(patched.status()).as(patched.body()).isEqualTo(200);

            assertThat(api.get("/api/v1/staffs/")
                            .header("X-Api-Key", key)
                            .send()
                            .status())
                    .isEqualTo(200);
        }

        @Test
        void keyCannotSeeAnotherOrganizationsStaff() {
            String key = mint(admin.token(), "Reader " + unique(), "member")
                    .get("key")
                    .asString();
            long other = newOrganization("Other Retail");
            Member stranger = member(other, "member");

            ApiResponse response = api.get("/api/v1/staffs/" + stranger.id())
                    .header("X-Api-Key", key)
                    .send();
            ApiResponse list = api.get("/api/v1/staffs/?organization=" + other)
                    .header("X-Api-Key", key)
                    .send();

            assertThat(response.status()).isEqualTo(404);
            assertThat(response.body()).doesNotContain(stranger.email());
            assertThat(list.json().get("count").asLong()).isZero();
        }

        @Test
        void unknownKeyIs401() {
            for (ApiResponse response : List.of(
                    api.get("/api/v1/staffs/")
                            .header("X-Api-Key", "sk_not-a-real-key")
                            .send(),
                    api.get("/api/v1/staffs/")
                            .header("Authorization", "Token sk_not-a-real-key")
                            .send())) {
                assertThat(response.status()).isEqualTo(401);
                assertThat(response.contentType()).startsWith("application/problem+json");
            }
        }

        @Test
        void expiredKeyIs401AtOnce() {
            Instant expiresAt = Instant.now().plusSeconds(2).truncatedTo(ChronoUnit.MILLIS);
            String key = api.post(KEYS)
                    .token(admin.token())
                    .json(Map.of(
                            "name",
                            "Expiring " + unique(),
                            "roles",
                            List.of("member"),
                            "expires_at",
                            expiresAt.toString()))
                    .send()
                    .json(201)
                    .get("key")
                    .asString();
            // Cached by the caller cache from here on, never beyond the key's expiry.
            assertThat(api.get("/api/v1/staffs/")
                            .header("X-Api-Key", key)
                            .send()
                            .status())
                    .isEqualTo(200);

            await().atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> api.get("/api/v1/staffs/")
                                    .header("X-Api-Key", key)
                                    .send()
                                    .status()
                            == 401);

            assertThat(Instant.now()).as("refused once expired, not before").isAfterOrEqualTo(expiresAt);
            assertThat(api.get("/api/v1/staffs/")
                            .header("Authorization", "Token " + key)
                            .send()
                            .status())
                    .isEqualTo(401);
        }
    }

    @Nested
    class Revoking {

        @Test
        void revokedKeyIs401AtOnceAndShowsRevokedAt() {
            JsonNode minted = mint(admin.token(), "Revocable " + unique(), "member");
            long id = minted.get("id").asLong();
            String key = minted.get("key").asString();
            assertThat(api.get("/api/v1/staffs/")
                            .header("X-Api-Key", key)
                            .send()
                            .status())
                    .isEqualTo(200);

            ApiResponse revoked =
                    api.delete(KEYS + "/" + id).token(admin.token()).send();

            assertThat(revoked.status()).isEqualTo(204);
            assertThat(revoked.body()).isEmpty();
            assertThat(api.get("/api/v1/staffs/")
                            .header("X-Api-Key", key)
                            .send()
                            .status())
                    .isEqualTo(401);
            assertThat(api.get("/api/v1/staffs/")
                            .header("Authorization", "Token " + key)
                            .send()
                            .status())
                    .isEqualTo(401);
            assertThat(api.get("/api/v1/staffs/").token(key).send().status()).isEqualTo(401);
            Timestamp revokedAt = (Timestamp) keyRow(id).get("revoked_at");
            assertThat(revokedAt).isNotNull();
            ApiResponse shown = api.get(KEYS + "/" + id).token(admin.token()).send();
            assertThat(shown.status()).isEqualTo(200);
            assertThat(Instant.parse(shown.json().get("revoked_at").asString())).isEqualTo(revokedAt.toInstant());
        }

        @Test
        void revokingAgainIs204AndKeepsTheFirstRevocationTime() {
            long id =
                    mint(admin.token(), "Twice " + unique(), "member").get("id").asLong();
            assertThat(api.delete(KEYS + "/" + id).token(admin.token()).send().status())
                    .isEqualTo(204);
            Object first = keyRow(id).get("revoked_at");

            assertThat(api.delete(KEYS + "/" + id).token(admin.token()).send().status())
                    .isEqualTo(204);
            assertThat(keyRow(id).get("revoked_at")).isEqualTo(first);
        }

        @Test
        void revokingAnotherKeyDoesNotAffectThisOne() {
            String kept =
                    mint(admin.token(), "Kept " + unique(), "member").get("key").asString();
            long other =
                    mint(admin.token(), "Gone " + unique(), "member").get("id").asLong();

            api.delete(KEYS + "/" + other).token(admin.token()).send();

            assertThat(api.get("/api/v1/staffs/")
                            .header("X-Api-Key", kept)
                            .send()
                            .status())
                    .isEqualTo(200);
        }
    }

    @Nested
    class LastUsed {

        @Test
        void isSetOnFirstUseAndNotRewrittenWithinAMinute() {
            JsonNode minted = mint(admin.token(), "Usage " + unique(), "member");
            long id = minted.get("id").asLong();
            String key = minted.get("key").asString();
            assertThat(keyRow(id).get("last_used_at")).isNull();

            Instant before = Instant.now().minusSeconds(1);
            assertThat(api.get("/api/v1/staffs/")
                            .header("X-Api-Key", key)
                            .send()
                            .status())
                    .isEqualTo(200);
            Timestamp first = (Timestamp) keyRow(id).get("last_used_at");
            assertThat(first).isNotNull();
            assertThat(first.toInstant()).isBetween(before, Instant.now().plusSeconds(1));

            assertThat(api.get("/api/v1/staffs/")
                            .header("Authorization", "Token " + key)
                            .send()
                            .status())
                    .isEqualTo(200);
            assertThat(keyRow(id).get("last_used_at")).isEqualTo(first);

            ApiResponse shown = api.get(KEYS + "/" + id).token(admin.token()).send();
            assertThat(Instant.parse(shown.json().get("last_used_at").asString()))
                    .isEqualTo(first.toInstant());
        }

        @Test
        void isUpdatedOnceItIsOlderThanAMinute() {
            JsonNode minted = mint(admin.token(), "Usage " + unique(), "member");
            long id = minted.get("id").asLong();
            Instant old = Instant.now().minus(2, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
            jdbc.sql("update api_keys set last_used_at = :old where id = :id")
                    .param("old", Timestamp.from(old))
                    .param("id", id)
                    .update();

            api.get("/api/v1/staffs/")
                    .header("X-Api-Key", minted.get("key").asString())
                    .send();

            Timestamp updated = (Timestamp) keyRow(id).get("last_used_at");
            assertThat(updated.toInstant()).isAfter(old.plus(1, ChronoUnit.MINUTES));
        }

        @Test
        void failedAuthenticationDoesNotTouchLastUsed() {
            JsonNode minted = mint(admin.token(), "Unused " + unique(), "member");
            long id = minted.get("id").asLong();
            api.delete(KEYS + "/" + id).token(admin.token()).send();

            api.get("/api/v1/staffs/")
                    .header("X-Api-Key", minted.get("key").asString())
                    .send();

            assertThat(keyRow(id).get("last_used_at")).isNull();
        }
    }

    @Nested
    class TenantIsolation {

        @Test
        void anotherOrganizationsKeyIs404AndStaysActive() {
            long other = newOrganization("Other Retail");
            JsonNode foreign = mint(member(other, "admin").token(), "Foreign " + unique(), "member");
            long id = foreign.get("id").asLong();

            ApiResponse get = api.get(KEYS + "/" + id).token(admin.token()).send();
            ApiResponse delete =
                    api.delete(KEYS + "/" + id).token(admin.token()).send();
            ApiResponse missing =
                    api.get(KEYS + "/999999999").token(admin.token()).send();

            assertThat(get.status()).isEqualTo(404);
            assertThat(delete.status()).isEqualTo(404);
            assertThat(get.json().get("title")).isEqualTo(missing.json().get("title"));
            assertThat(get.body()).doesNotContain(foreign.get("prefix").asString());
            assertThat(keyRow(id).get("revoked_at")).isNull();
            assertThat(api.get("/api/v1/staffs/")
                            .header("X-Api-Key", foreign.get("key").asString())
                            .send()
                            .status())
                    .isEqualTo(200);
        }

        @Test
        void listShowsOnlyTheOrganizationsKeys() {
            long other = newOrganization("Other Retail");
            JsonNode foreign = mint(member(other, "admin").token(), "Foreign " + unique(), "member");
            JsonNode own = mint(admin.token(), "Own " + unique(), "member");

            ApiResponse list =
                    api.get(KEYS + "?page_size=1000").token(admin.token()).send();

            assertThat(list.json().get("count").asLong()).isEqualTo(1);
            assertThat(list.json().get("results").get(0).get("id").asLong())
                    .isEqualTo(own.get("id").asLong());
            assertThat(list.body()).doesNotContain(foreign.get("name").asString());
        }
    }

    private JsonNode mint(String token, String name, String... roles) {
        return api.post(KEYS)
                .token(token)
                .json(Map.of("name", name, "roles", List.of(roles)))
                .send()
                .json(201);
    }

    private Map<String, Object> keyRow(long id) {
        return new HashMap<>(jdbc.sql("""
                        select organization_id, name, prefix, key_hash, created_by, expires_at, last_used_at, revoked_at
                        from api_keys where id = :id""").param("id", id).query().singleRow());
    }

    private long countKeysNamed(String name) {
        return jdbc.sql("select count(*) from api_keys where name = :name")
                .param("name", name)
                .query(Long.class)
                .single();
    }
}
