package com.staffkit.common.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.catalina.valves.RemoteIpValve;
import org.junit.jupiter.api.Test;

class TrustedProxiesTests {

    @Test
    void byDefaultNoPeerIsTrustedNotEvenLoopbackOrPrivateOnes() {
        RemoteIpValve valve = new RemoteIpValve();
        assertThat(valve.getInternalProxies()).as("Tomcat's default").isNotNull();

        new TrustedProxies(new ProxyProperties(null)).configure(valve);

        assertThat(valve.getInternalProxies()).isNull();
        assertThat(valve.getTrustedProxies()).isNull();
    }

    @Test
    void addressesBecomeRangesOfOneAndRangesStayAsGiven() {
        assertThat(TrustedProxies.ranges(List.of("10.0.0.5", "10.1.0.0/16", "::1", "fd00::/8")))
                .containsExactly("10.0.0.5/32", "10.1.0.0/16", "::1/128", "fd00::/8");
    }

    @Test
    void theValveTrustsExactlyTheNamedProxies() {
        RemoteIpValve valve = new RemoteIpValve();

        new TrustedProxies(new ProxyProperties(List.of(" 10.0.0.5 ", "", "10.1.0.0/16"))).configure(valve);

        assertThat(valve.getInternalProxies()).contains("10.0.0.5/32").contains("10.1.0.0/16");
    }

    @Test
    void hostNamesAndGarbageAreRefusedAtStart() {
        for (String entry : List.of("proxy.internal", "fade.cafe", "10.0.0.5/abc", "*", "10.0.0.*", "10.0.0")) {
            assertThatThrownBy(() -> TrustedProxies.ranges(List.of(entry)))
                    .as(entry)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(entry);
        }
    }
}
