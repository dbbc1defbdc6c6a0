package com.staffkit.common.web;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param trusted the proxies whose {@code X-Forwarded-For} and {@code X-Forwarded-Proto} are believed:
 *     IP addresses or CIDR ranges; empty (the default): nobody's, every client address is the peer's
 */
@ConfigurationProperties("staffkit.proxy")
public record ProxyProperties(List<String> trusted) {

    public ProxyProperties {
        trusted = trusted == null
                ? List.of()
                : trusted.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
