package com.staffkit.webhook;

import com.staffkit.common.error.InvalidRequestException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Where a webhook may be sent: {@code https} (and {@code http} only where
 * {@code STAFFKIT_WEBHOOKS_ALLOW_HTTP}), to a host on the public internet unless
 * {@code STAFFKIT_WEBHOOKS_ALLOW_PRIVATE_NETWORKS}. Checked when an endpoint is written, and again
 * for every delivery on the addresses the connection actually uses ({@link GuardedDnsResolver}), so a
 * host whose DNS changes afterwards cannot slip through.
 */
@Component
class WebhookUrls {

    private final WebhookProperties properties;

    WebhookUrls(WebhookProperties properties) {
        this.properties = properties;
    }

    /** The URL, trimmed, if endpoints may be written with it; otherwise a 400 on {@code url}. */
    String checked(String url) {
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException ex) {
            throw invalid("must be an absolute URL such as https://payroll.example.com/hooks/staffkit");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(scheme.equals("http") && properties.allowHttp())) {
            throw invalid(properties.allowHttp() ? "must be an http or https URL" : "must be an https URL");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw invalid("must name a host");
        }
        if (uri.getRawUserInfo() != null) {
            throw invalid("must not carry user info; verify the signature instead");
        }
        if (uri.getRawFragment() != null) {
            throw invalid("must not have a fragment");
        }
        if (!properties.allowPrivateNetworks()) {
            refusePrivate(uri.getHost());
        }
        return uri.toString();
    }

    /** A host that resolves now is checked now; one that does not is checked at every delivery. */
    private static void refusePrivate(String host) {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        } catch (UnknownHostException notResolvable) {
            return;
        }
        if (!Arrays.stream(addresses).allMatch(NetworkAddresses::isPublic)) {
            throw invalid("must reach a public address: " + host
                    + " resolves to a loopback, private, link-local, shared or reserved one");
        }
    }

    boolean allows(InetAddress address) {
        return properties.allowPrivateNetworks() || NetworkAddresses.isPublic(address);
    }

    private static InvalidRequestException invalid(String message) {
        return InvalidRequestException.forField("url", message);
    }
}
