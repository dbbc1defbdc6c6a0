package com.staffkit.common.web;

import java.util.List;
import java.util.regex.Pattern;
import org.apache.catalina.valves.RemoteIpValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * Forwarded headers count only from the proxies named in {@code staffkit.proxy.trusted}. Tomcat's
 * {@link RemoteIpValve} (added by {@code server.forward-headers-strategy: native}) otherwise believes
 * any loopback or private peer, so anyone inside the network, or a client reaching the service past
 * its proxy, could choose the address every per-address limit counts. Runs after Spring Boot's own
 * customizer, which adds the valve.
 */
@Component
class TrustedProxies implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

    /** An IPv4 or IPv6 literal, optionally with a prefix length: never a host name, which would need DNS. */
    private static final Pattern ADDRESS_OR_RANGE =
            Pattern.compile("(\\d{1,3}(\\.\\d{1,3}){3}|[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*)(/\\d{1,3})?");

    private final List<String> ranges;

    TrustedProxies(ProxyProperties properties) {
        this.ranges = ranges(properties.trusted());
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.getEngineValves().stream()
                .filter(RemoteIpValve.class::isInstance)
                .map(RemoteIpValve.class::cast)
                .forEach(this::configure);
    }

    /** Tomcat reads a value with a '/' as CIDR ranges; an empty one trusts nobody. */
    void configure(RemoteIpValve valve) {
        valve.setInternalProxies(String.join(", ", ranges));
        valve.setTrustedProxies(null);
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    /** Each entry as a CIDR range: a single address is a range of one. */
    static List<String> ranges(List<String> trusted) {
        return trusted.stream().map(TrustedProxies::range).toList();
    }

    private static String range(String entry) {
        if (!ADDRESS_OR_RANGE.matcher(entry).matches()) {
            throw new IllegalArgumentException(
                    "staffkit.proxy.trusted: '" + entry + "' is not an IP address or CIDR range");
        }
        if (entry.contains("/")) {
            return entry;
        }
        return entry + (entry.contains(":") ? "/128" : "/32");
    }
}
