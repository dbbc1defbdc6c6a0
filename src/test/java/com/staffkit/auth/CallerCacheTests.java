package com.staffkit.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.staffkit.common.cache.CacheTrust;
import com.staffkit.common.cache.CommittedChange;
import com.staffkit.common.security.Caller;
import com.staffkit.common.security.Scope;
import com.staffkit.support.IntegrationTest;
import com.staffkit.support.SqlStatementCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The caller cache (on by default): a cached credential costs no lookup, a revocation made
 * through this instance holds on the next request, and one announced by another instance as soon as
 * its notification arrives.
 */
class CallerCacheTests extends IntegrationTest {

    @Autowired
    CallerCache cache;

    @Autowired
    CacheTrust trust;

    @Autowired
    MeterRegistry registry;

    private CallerCache cacheWithTtl(Duration ttl) {
        return new CallerCache(
                new AuthProperties(
                        Duration.ofMinutes(15),
                        Duration.ofDays(1),
                        5,
                        Duration.ofMinutes(1),
                        ttl,
                        100,
                        1,
                        Duration.ofSeconds(5)),
                trust,
                Clock.systemUTC());
    }

    private int meStatus(String token) {
        return api.get("/api/v1/me").token(token).send().status();
    }

    @Test
    void aCachedCredentialCostsNoLookup() {
        Member admin = member(newOrganization("Cached"), "admin");
        assertThat(api.get("/api/v1/staffs/").token(admin.token()).send().status())
                .isEqualTo(200);

        SqlStatementCounter.start();
        int status = api.get("/api/v1/staffs/").token(admin.token()).send().status();
        List<String> statements = SqlStatementCounter.stop();

        assertThat(status).isEqualTo(200);
        assertThat(statements).isNotEmpty().allMatch(sql -> !sql.contains("access_tokens"));
    }

    @Test
    void deactivationThroughThisInstanceHoldsOnTheNextRequest() {
        Member member = member(newOrganization("Cached deactivation"), "member");
        assertThat(meStatus(member.token())).isEqualTo(200);

        assertThat(api.delete("/api/v1/staffs/" + member.id())
                        .token(superadminToken())
                        .send()
                        .status())
                .isEqualTo(204);

        assertThat(meStatus(member.token())).isEqualTo(401);
    }

    @Test
    void aRoleChangeThroughThisInstanceHoldsOnTheNextRequest() {
        long organization = newOrganization("Cached roles");
        Member admin = member(organization, "admin");
        Member member = member(organization, "member");
        assertThat(meStatus(member.token())).isEqualTo(200);

        assertThat(api.patch("/api/v1/staffs/" + member.id() + "/")
                        .token(admin.token())
                        .json(Map.of("roles", List.of("worker")))
                        .send()
                        .status())
                .isEqualTo(200);

        assertThat(meStatus(member.token())).isEqualTo(401);
    }

    @Test
    void aStoreScopedManagerLosesAStoreOnTheNextRequest() {
        long organization = newOrganization("Cached stores");
        Member admin = member(organization, "admin");
        long store = api.post("/api/v1/stores")
                .token(admin.token())
                .json(Map.of("name", "Cached store " + unique()))
                .send()
                .json()
                .get("id")
                .asLong();
        String email = uniqueEmail("scoped");
        long managerId = createStaff(Map.of(
                        "organization",
                        organization,
                        "first_name",
                        "Scoped",
                        "last_name",
                        "Manager",
                        "email",
                        email,
                        "roles",
                        List.of("manager"),
                        "retail_stores",
                        List.of(store),
                        "full_store_access",
                        false,
                        "password",
                        PASSWORD))
                .get("id")
                .asLong();
        String manager = login(email, PASSWORD);
        long colleague = createStaff(Map.of(
                        "organization",
                        organization,
                        "first_name",
                        "Store",
                        "last_name",
                        "Colleague",
                        "email",
                        uniqueEmail("colleague"),
                        "retail_stores",
                        List.of(store)))
                .get("id")
                .asLong();
        String path = "/api/v1/staffs/" + colleague + "/";
        assertThat(api.get(path).token(manager).send().status()).isEqualTo(200);

        assertThat(api.delete("/api/v1/staffs/" + managerId + "/stores/" + store)
                        .token(admin.token())
                        .send()
                        .status())
                .isEqualTo(204);

        assertThat(api.get(path).token(manager).send().status()).isEqualTo(404);
    }

    @Test
    void aRevokedApiKeyFailsOnTheNextRequest() {
        Member admin = member(newOrganization("Cached key"), "admin");
        var created = api.post("/api/v1/api-keys")
                .token(admin.token())
                .json(Map.of("name", "POS " + unique(), "roles", List.of("member")))
                .send()
                .json();
        String key = created.get("key").asString();
        assertThat(api.get("/api/v1/staffs/").header("X-Api-Key", key).send().status())
                .isEqualTo(200);

        assertThat(api.delete("/api/v1/api-keys/" + created.get("id").asLong())
                        .token(admin.token())
                        .send()
                        .status())
                .isEqualTo(204);

        assertThat(api.get("/api/v1/staffs/").header("X-Api-Key", key).send().status())
                .isEqualTo(401);
    }

    @Test
    void aRevocationAnnouncedByAnotherInstanceHoldsOnceItsNotificationArrives() {
        long organization = newOrganization("Cached elsewhere");
        Member member = member(organization, "member");
        changesHeard.awaitAllSoFar();
        assertThat(meStatus(member.token())).isEqualTo(200);

        // A revocation nobody announces stays unseen: the cache really serves the credential.
        jdbc.sql("update access_tokens set revoked_at = now() where staff_id = :id")
                .param("id", member.id())
                .update();
        assertThat(meStatus(member.token())).as("unannounced").isEqualTo(200);

        // What another instance's logout sends as it commits.
        jdbc.sql("select pg_notify('staffkit_changes', :payload)")
                .param("payload", "session.revoked staff " + member.id() + " " + organization)
                .query((rs, row) -> row)
                .list();

        await().atMost(Duration.ofSeconds(1))
                .pollInterval(Duration.ofMillis(5))
                .until(() -> meStatus(member.token()) == 401);
    }

    @Test
    void anEntryNeverOutlivesItsCredential() {
        CallerCache shortLived = cacheWithTtl(Duration.ofHours(1));
        AtomicInteger lookups = new AtomicInteger();
        Caller caller = Caller.apiKey(1, 1, Scope.only(Set.of(1L)), Set.of(), Scope.all(), null);

        for (int i = 0; i < 3; i++) {
            shortLived.get("api-key", "expiring", secret -> {
                lookups.incrementAndGet();
                return Optional.of(new ResolvedCaller(caller, Instant.now()));
            });
        }
        assertThat(lookups).hasValue(3);

        for (int i = 0; i < 3; i++) {
            shortLived.get("api-key", "lasting", secret -> {
                lookups.incrementAndGet();
                return Optional.of(new ResolvedCaller(caller, null));
            });
        }
        assertThat(lookups).hasValue(4);
    }

    @Test
    void aKeyExpiringInCenturiesIsCachedForTheTimeToLive() {
        CallerCache cache = cacheWithTtl(Duration.ofHours(1));
        AtomicInteger lookups = new AtomicInteger();
        Caller caller = Caller.apiKey(1, 1, Scope.only(Set.of(1L)), Set.of(), Scope.all(), null);
        for (int i = 0; i < 3; i++) {
            assertThat(cache.get("api-key", "far", secret -> {
                        lookups.incrementAndGet();
                        return Optional.of(new ResolvedCaller(caller, Instant.parse("2400-01-01T00:00:00Z")));
                    }))
                    .contains(caller);
        }
        assertThat(lookups).hasValue(1);
    }

    @Test
    void narrowingARolesPermissionsHoldsOnTheNextRequest() {
        long organization = newOrganization("Cached permissions");
        Member owner = member(organization, "owner");
        String name = "reader" + unique();
        long roleId = api.post("/api/v1/roles")
                .token(owner.token())
                .json(Map.of("name", name, "permissions", List.of("staff:read", "teams:read")))
                .send()
                .json()
                .get("id")
                .asLong();
        Member reader = member(organization, name);
        assertThat(api.get("/api/v1/staffs/").token(reader.token()).send().status())
                .isEqualTo(200);

        assertThat(api.put("/api/v1/roles/" + roleId)
                        .token(owner.token())
                        .json(Map.of("name", name, "permissions", List.of("teams:read")))
                        .send()
                        .status())
                .isEqualTo(200);

        assertThat(api.get("/api/v1/staffs/").token(reader.token()).send().status())
                .isEqualTo(403);
    }

    @Test
    void everyChangeThatMayTouchACallerEmptiesTheCache() {
        assertThat(List.of(
                        "staff.deactivated staff 1 1",
                        "staff.roles_changed staff 1 1",
                        "staff.updated staff 1 1",
                        "staff.store_unassigned staff 1 1",
                        "session.revoked staff 1 1",
                        "role.updated role 1 1",
                        "role.deleted role 1 1",
                        "organization.created organization 2 1",
                        "organization.deactivated organization 1 1",
                        "store.deactivated store 1 1",
                        "api_key.revoked api_key 1 1",
                        "something.new thing 1 1"))
                .allMatch(payload -> CallerCache.mayTouchCallers(change(payload)));
        assertThat(List.of(
                        "auth.login_succeeded staff 1 1",
                        "staff.current_store_set staff 1 1",
                        "staff.created staff 1 1",
                        "api_key.created api_key 1 1",
                        "role.created role 1 1",
                        "team.member_added team 1 1"))
                .noneMatch(payload -> CallerCache.mayTouchCallers(change(payload)));
    }

    @Test
    void aLoginElsewhereKeepsWhatIsCached() {
        Member member = member(newOrganization("Cached logins"), "member");
        String path = "/api/v1/staffs/" + member.id() + "/";
        await().atMost(Duration.ofSeconds(2)).until(() -> {
            SqlStatementCounter.start();
            api.get(path).token(member.token()).send();
            return SqlStatementCounter.stop().stream().noneMatch(sql -> sql.contains("access_tokens"));
        });

        double heard = notificationsHeard();
        login(member.email(), PASSWORD);
        await().atMost(Duration.ofSeconds(1)).until(() -> notificationsHeard() > heard);

        SqlStatementCounter.start();
        assertThat(api.get(path).token(member.token()).send().status()).isEqualTo(200);
        assertThat(SqlStatementCounter.stop()).noneMatch(sql -> sql.contains("access_tokens"));
    }

    private double notificationsHeard() {
        return registry.get("staffkit.cache.notifications").functionCounter().count();
    }

    private static CommittedChange change(String payload) {
        String[] parts = payload.split(" ");
        return new CommittedChange(parts[0], parts[1], Long.parseLong(parts[2]), Long.parseLong(parts[3]));
    }

    @Test
    void offEveryRequestLooksUp() {
        CallerCache off = cacheWithTtl(Duration.ZERO);
        AtomicInteger lookups = new AtomicInteger();
        Caller caller = Caller.apiKey(1, 1, Scope.only(Set.of(1L)), Set.of(), Scope.all(), null);
        for (int i = 0; i < 3; i++) {
            off.get("api-key", "secret", secret -> {
                lookups.incrementAndGet();
                return Optional.of(new ResolvedCaller(caller, null));
            });
        }
        assertThat(lookups).hasValue(3);
        assertThat(off.enabled()).isFalse();
    }
}
