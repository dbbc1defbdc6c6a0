package com.staffkit.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.staffkit.support.Api;
import com.staffkit.support.ApiResponse;
import com.staffkit.support.IntegrationTest;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The attacker's probe beyond the account takeover, one nested class per finding: each reproduces
 * the probe over HTTP and asserts the refusal, the body and what the database kept.
 */
class AttackerProbeHardeningTests extends IntegrationTest {

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
}
