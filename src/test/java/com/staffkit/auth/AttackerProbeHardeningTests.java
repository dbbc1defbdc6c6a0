package com.staffkit.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.staffkit.common.web.WebProperties;
import com.staffkit.support.Api;
import com.staffkit.support.ApiResponse;
import com.staffkit.support.IntegrationTest;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The attacker's probe beyond the account takeover, one nested class per finding: each reproduces
 * the probe over HTTP and asserts the refusal, the body and what the database kept.
 */
class AttackerProbeHardeningTests extends IntegrationTest {

    @Autowired
    private BoundedPasswordEncoder passwordHashing;

    @Autowired
    private WebProperties web;

    @Nested
    class LoginFlood {

        /** The suite's limit of failed logins per address (IntegrationTest), 100 in production. */
        private static final int MAX_FAILURES_PER_ADDRESS = 1_000_000;

        @Test
        void failedLoginsFromOneAddressAreLimitedAndALimitedAddressCannotLogInEither() {
            Member member = member();
            String address = freshAddress();
            String key = "login-failures:address:" + address;
            // The window's failures so far: all but one of the limit.
            jdbc.sql("insert into rate_limits (key, window_started_at, hits) values (:key, now(), :hits)")
                    .param("key", key)
                    .param("hits", MAX_FAILURES_PER_ADDRESS - 1)
                    .update();

            ApiResponse lastAllowed = login("nobody-" + unique(), "guess-1", address);
            ApiResponse limited = login("nobody-" + unique(), "guess-2", address);
            ApiResponse correct = login(member.email(), PASSWORD, address);
            ApiResponse elsewhere = login(member.email(), PASSWORD, freshAddress());

            assertThat(lastAllowed.status()).as(lastAllowed.body()).isEqualTo(401);
            assertThat(limited.status()).as(limited.body()).isEqualTo(429);
            assertThat(limited.json().get("type").asString()).endsWith("/too-many-requests");
            assertThat(Long.parseLong(limited.header("Retry-After"))).isPositive();
            assertThat(correct.status())
                    .as("no password is checked from a limited address")
                    .isEqualTo(429);
            assertThat(elsewhere.status()).isEqualTo(200);
            assertThat(hits(key)).isEqualTo(MAX_FAILURES_PER_ADDRESS + 2);
        }

        @Test
        void aSuccessfulLoginDoesNotCountAgainstItsAddress() {
            Member member = member();
            String address = freshAddress();

            assertThat(login("nobody-" + unique(), "guess", address).status()).isEqualTo(401);
            assertThat(login(member.email(), PASSWORD, address).status()).isEqualTo(200);

            assertThat(hits("login-failures:address:" + address)).isEqualTo(1);
        }

        @Test
        void loginsWaitingForPasswordHashingHoldNoRequestLane() throws Exception {
            String token = member().token();
            int logins = web.maxConcurrentRequests() + 2;
            Semaphore permits = passwordHashing.permits();
            int held = permits.drainPermits();
            ExecutorService clients = Executors.newFixedThreadPool(logins);
            List<CompletableFuture<Integer>> statuses = new ArrayList<>();
            try {
                for (int i = 0; i < logins; i++) {
                    String address = freshAddress();
                    statuses.add(CompletableFuture.supplyAsync(
                            () -> login("nobody-" + unique(), "guess", address).status(), clients));
                }
                await().atMost(Duration.ofSeconds(10)).until(() -> passwordHashing.waiting() == logins);

                long start = System.nanoTime();
                ApiResponse me = api.get("/api/v1/me").token(token).send();

                assertThat(me.status()).isEqualTo(200);
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
                assertThat(statuses).noneMatch(CompletableFuture::isDone);
            } finally {
                permits.release(held);
                clients.shutdown();
            }
            for (CompletableFuture<Integer> status : statuses) {
                assertThat(status.get()).isEqualTo(401);
            }
            assertThat(passwordHashing.hashing()).isZero();
        }

        @Test
        void aLoginThatWaitsTooLongForItsTurnGets503WithRetryAfter() {
            Semaphore permits = passwordHashing.permits();
            int held = permits.drainPermits();
            try {
                ApiResponse response = login("nobody-" + unique(), "guess", freshAddress());

                assertThat(response.status()).as(response.body()).isEqualTo(503);
                assertThat(response.header("Retry-After")).isEqualTo("1");
                assertThat(response.json().get("type").asString()).endsWith("/overloaded");
            } finally {
                permits.release(held);
            }
        }

        private ApiResponse login(String username, String password, String address) {
            return api.post("/api/v1/auth/login")
                    .header("X-Forwarded-For", address)
                    .json(Map.of("username", username, "password", password))
                    .send();
        }

        private String freshAddress() {
            int n = Math.abs(unique().hashCode());
            return "100.64." + (n / 250 % 250) + "." + (n % 250 + 1);
        }

        private int hits(String key) {
            return jdbc.sql("select hits from rate_limits where key = :key")
                    .param("key", key)
                    .query(Integer.class)
                    .single();
        }
    }

    @Nested
    class ServiceWideMetrics {

        @Test
        void ownersAndAdminsOfAFranchiseeCannotReadServiceWideMetrics() {
            long franchisee = newOrganization("Metrics Franchisee");
            for (String role : List.of("owner", "admin")) {
                String token = member(franchisee, role).token();
                for (String path : List.of("/actuator/prometheus", "/actuator/info")) {
                    ApiResponse response = api.get(path).token(token).send();

                    assertThat(response.status()).as(role + " " + path).isEqualTo(403);
                    assertThat(response.json().get("type").asString()).endsWith("/forbidden");
                    assertThat(response.body()).doesNotContain("http_server_requests");
                }
            }
        }

        @Test
        void anAdminKeyCannotReadThemEither() {
            Member owner = member(newOrganization("Metrics Key Org"), "owner");
            String key = api.post("/api/v1/api-keys")
                    .token(owner.token())
                    .json(Map.of("name", "Monitoring " + unique(), "roles", List.of("owner")))
                    .send()
                    .json(201)
                    .get("key")
                    .asString();

            assertThat(api.get("/actuator/prometheus")
                            .header("X-Api-Key", key)
                            .send()
                            .status())
                    .isEqualTo(403);
        }

        @Test
        void theSuperadminReadsThem() {
            ApiResponse response =
                    api.get("/actuator/prometheus").token(superadminToken()).send();

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body()).contains("http_server_requests");
        }

        @Test
        void noCustomRoleCarriesTheServiceWidePermissionNotEvenOneTheSuperadminCreates() {
            long franchisee = newOrganization("Metrics Role Org");
            String name = "Operator " + unique();

            ApiResponse response = api.post("/api/v1/roles")
                    .token(superadminToken())
                    .json(Map.of("name", name, "organization", franchisee, "permissions", List.of("service:metrics")))
                    .send();

            assertThat(response.status()).as(response.body()).isEqualTo(400);
            assertThat(response.json().get("errors").get(0).get("field").asString())
                    .isEqualTo("permissions");
            assertThat(jdbc.sql("select count(*) from roles where name = :name")
                            .param("name", name)
                            .query(Long.class)
                            .single())
                    .isZero();
        }
    }

    @Nested
    class ForwardedAddresses {

        /** The suite's limit per client address (IntegrationTest), 20 in production. */
        private static final int MAX_PER_ADDRESS = 30;

        @Test
        void rotatingXForwardedForFromAPeerThatIsNoNamedProxyGainsNoExtraResets() {
            InetAddress peer = localAddressOtherThanTheTrustedProxy();
            Api fromPeer = new Api("http://" + hostOf(peer) + ":" + port, json);
            String key = "password-reset:address:" + peer.getHostAddress();
            jdbc.sql("delete from rate_limits where key = :key")
                    .param("key", key)
                    .update();
            List<Integer> statuses = new ArrayList<>();
            ApiResponse last = null;

            for (int i = 0; i <= MAX_PER_ADDRESS; i++) {
                last = fromPeer.post("/api/v1/password-reset")
                        .header("X-Forwarded-For", "198.18." + (i / 250) + "." + (i % 250 + 1))
                        .json(Map.of("email", uniqueEmail("rotating")))
                        .send();
                statuses.add(last.status());
            }

            assertThat(statuses.subList(0, MAX_PER_ADDRESS)).containsOnly(202);
            assertThat(last.status()).as(last.body()).isEqualTo(429);
            assertThat(last.header("Retry-After")).isNotBlank();
            assertThat(last.json().get("type").asString()).endsWith("/too-many-requests");
            assertThat(jdbc.sql("select hits from rate_limits where key = :key")
                            .param("key", key)
                            .query(Integer.class)
                            .single())
                    .isEqualTo(MAX_PER_ADDRESS + 1);
            assertThat(jdbc.sql("select count(*) from rate_limits where key like 'password-reset:address:198.18.%'")
                            .query(Long.class)
                            .single())
                    .isZero();
        }

        @Test
        void aNamedProxysForwardedAddressIsTheClientAddress() {
            String client = "198.19.7." + (Math.abs(unique().hashCode()) % 250 + 1);

            ApiResponse response = api.post("/api/v1/password-reset")
                    .header("X-Forwarded-For", client)
                    .json(Map.of("email", uniqueEmail("proxied")))
                    .send();

            assertThat(response.status()).isEqualTo(202);
            assertThat(jdbc.sql("select hits from rate_limits where key = :key")
                            .param("key", "password-reset:address:" + client)
                            .query(Integer.class)
                            .single())
                    .isEqualTo(1);
        }

        /**
         * A loopback or private address of this machine other than 127.0.0.1 (the proxy the suite
         * names): Tomcat's defaults trusted every such peer.
         */
        private InetAddress localAddressOtherThanTheTrustedProxy() {
            Optional<InetAddress> found =
                    candidates().stream().filter(address -> reachable(address)).findFirst();
            assumeTrue(found.isPresent(), "no local address other than 127.0.0.1 reaches the service");
            return found.get();
        }

        private List<InetAddress> candidates() {
            List<InetAddress> candidates = new ArrayList<>();
            try {
                candidates.add(InetAddress.getByName("::1"));
                for (NetworkInterface nic : NetworkInterface.networkInterfaces().toList()) {
                    if (nic.isUp()) {
                        nic.inetAddresses()
                                .filter(a -> a instanceof Inet4Address && a.isSiteLocalAddress())
                                .forEach(candidates::add);
                    }
                }
            } catch (IOException e) {
                // Whatever was found so far.
            }
            return candidates;
        }

        private boolean reachable(InetAddress address) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(address, port), 1000);
                return true;
            } catch (IOException e) {
                return false;
            }
        }

        private static String hostOf(InetAddress address) {
            String host = address.getHostAddress();
            return host.contains(":") ? "[" + host.replaceAll("%.*", "") + "]" : host;
        }
    }

    @Nested
    class DeactivatedOrganizations {

        private static final String ORGANIZATIONS = "/api/v1/organizations/";

        @Test
        void reactivatingAnOrganizationDoesNotReviveTheSessionsIssuedBefore() {
            long organization = newOrganization("Paused Franchise");
            Member staff = member(organization, "manager");
            String refreshToken = refreshTokenOf(staff.email());

            assertThat(deactivate(organization).status()).isEqualTo(204);
            assertThat(me(staff.token()).status()).isEqualTo(401);
            assertThat(reactivate(organization).status()).isEqualTo(200);

            ApiResponse staleAccess = me(staff.token());
            ApiResponse staleRefresh = api.post("/api/v1/auth/refresh")
                    .json(Map.of("refresh_token", refreshToken))
                    .send();
            assertThat(staleAccess.status()).as(staleAccess.body()).isEqualTo(401);
            assertThat(staleRefresh.status()).as(staleRefresh.body()).isEqualTo(401);
            assertThat(staleRefresh.json().get("type").asString()).endsWith("/invalid-refresh-token");
            assertThat(me(login(staff.email(), PASSWORD)).status()).isEqualTo(200);
            assertThat(sessionEpochOf(staff.id())).isPositive();
        }

        @Test
        void deactivatingAParentStopsItsDescendantsUntilItIsReactivated() {
            long parent = newOrganization("Franchisor");
            long child = childOf(parent, "Franchisee");
            Member staff = member(child, "admin");
            String key = api.post("/api/v1/api-keys")
                    .token(staff.token())
                    .json(Map.of("name", "POS " + unique(), "roles", List.of("member")))
                    .send()
                    .json(201)
                    .get("key")
                    .asString();

            assertThat(deactivate(parent).status()).isEqualTo(204);

            assertThat(me(staff.token()).status()).isEqualTo(401);
            assertThat(api.post("/api/v1/auth/login")
                            .json(Map.of("username", staff.email(), "password", PASSWORD))
                            .send()
                            .status())
                    .isEqualTo(401);
            assertThat(api.get("/api/v1/staffs/")
                            .header("X-Api-Key", key)
                            .send()
                            .status())
                    .isEqualTo(401);
            ApiResponse newStaff = api.post("/api/v1/staffs/")
                    .token(superadminToken())
                    .json(Map.of("organization", child, "first_name", "New", "last_name", "Hire"))
                    .send();
            assertThat(newStaff.status()).as(newStaff.body()).isEqualTo(400);
            ApiResponse grandchild = api.post(ORGANIZATIONS)
                    .token(superadminToken())
                    .json(Map.of("name", "Sub-franchisee " + unique(), "parent", child))
                    .send();
            assertThat(grandchild.status()).as(grandchild.body()).isEqualTo(400);
            assertThat(activeFlagOf(child))
                    .as("the descendant's own flag is kept")
                    .isTrue();

            assertThat(reactivate(parent).status()).isEqualTo(200);

            assertThat(me(staff.token()).status()).as("no session comes back").isEqualTo(401);
            assertThat(me(login(staff.email(), PASSWORD)).status()).isEqualTo(200);
            assertThat(api.get("/api/v1/staffs/")
                            .header("X-Api-Key", key)
                            .send()
                            .status())
                    .as("keys are suspended, not revoked, as when their creator is deactivated")
                    .isEqualTo(200);
        }

        @Test
        void aDescendantDeactivatedOnItsOwnStaysDeactivatedWhenItsParentComesBack() {
            long parent = newOrganization("Franchisor");
            long child = childOf(parent, "Closed Franchisee");
            Member staff = member(child, "admin");
            deactivate(child);
            deactivate(parent);

            reactivate(parent);

            assertThat(activeFlagOf(child)).isFalse();
            assertThat(api.post("/api/v1/auth/login")
                            .json(Map.of("username", staff.email(), "password", PASSWORD))
                            .send()
                            .status())
                    .isEqualTo(401);
        }

        private long childOf(long parent, String name) {
            return api.post(ORGANIZATIONS)
                    .token(superadminToken())
                    .json(Map.of("name", name + " " + unique(), "parent", parent))
                    .send()
                    .json(201)
                    .get("id")
                    .asLong();
        }

        private ApiResponse deactivate(long organization) {
            return api.delete(ORGANIZATIONS + organization)
                    .token(superadminToken())
                    .send();
        }

        private ApiResponse reactivate(long organization) {
            return api.patch(ORGANIZATIONS + organization)
                    .token(superadminToken())
                    .json(Map.of("is_active", true))
                    .send();
        }

        private ApiResponse me(String token) {
            return api.get("/api/v1/me").token(token).send();
        }

        private String refreshTokenOf(String email) {
            return api.post("/api/v1/auth/login")
                    .json(Map.of("username", email, "password", PASSWORD))
                    .send()
                    .json(200)
                    .get("refresh_token")
                    .asString();
        }

        private int sessionEpochOf(long staffId) {
            return jdbc.sql("select session_epoch from staff where id = :id")
                    .param("id", staffId)
                    .query(Integer.class)
                    .single();
        }

        private boolean activeFlagOf(long organization) {
            return jdbc.sql("select is_active from organizations where id = :id")
                    .param("id", organization)
                    .query(Boolean.class)
                    .single();
        }
    }
}
