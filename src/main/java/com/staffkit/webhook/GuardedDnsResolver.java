package com.staffkit.webhook;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;

/**
 * Resolves a webhook's host for the connection itself and refuses it when any address it resolves to
 * may not be reached ({@link WebhookUrls#allows}): the check and the connection use the same
 * answer, so a host that rebinds its name between them cannot reach a private address.
 */
final class GuardedDnsResolver implements DnsResolver {

    private final WebhookUrls urls;

    GuardedDnsResolver(WebhookUrls urls) {
        this.urls = urls;
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        InetAddress[] addresses = SystemDefaultDnsResolver.INSTANCE.resolve(host);
        if (!Arrays.stream(addresses).allMatch(urls::allows)) {
            throw new RefusedAddressException(host);
        }
        return addresses;
    }

    @Override
    public String resolveCanonicalHostname(String host) throws UnknownHostException {
        return SystemDefaultDnsResolver.INSTANCE.resolveCanonicalHostname(host);
    }

    /** Not sent: the host resolves to an address webhooks may not reach. */
    static final class RefusedAddressException extends UnknownHostException {

        RefusedAddressException(String host) {
            super("refused: " + host + " resolves to a loopback, private, link-local, shared or reserved address");
        }
    }
}
