package com.staffkit.webhook;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param allowHttp accept {@code http} URLs (development, tests); otherwise only {@code https}
 * @param allowPrivateNetworks accept hosts that resolve to loopback, private, link-local, shared or
 *     metadata addresses; otherwise they are refused at creation and at every delivery
 * @param retryDelays the wait after each failed attempt; once they are used up the event is given up
 * @param timeout how long one attempt may take, connecting and answering
 * @param failingFor an endpoint failing this long without a single success is disabled
 * @param pollInterval how often every instance looks for due deliveries (new events wake it at once)
 * @param maxInFlight attempts one instance makes at the same time
 * @param maxInFlightPerEndpoint attempts one instance makes to the same endpoint at the same time, so
 *     a slow endpoint never holds up another's
 * @param previousSecretLifetime how long the secret before a rotation still signs
 * @param logRetention how long events delivered or given up stay in the delivery log
 */
@ConfigurationProperties("staffkit.webhooks")
record WebhookProperties(
        @DefaultValue("false") boolean allowHttp,
        @DefaultValue("false") boolean allowPrivateNetworks,

        @DefaultValue({"5s", "5m", "30m", "2h", "5h", "10h", "10h"})
        List<Duration> retryDelays,

        @DefaultValue("10s") Duration timeout,
        @DefaultValue("3d") Duration failingFor,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("32") int maxInFlight,
        @DefaultValue("4") int maxInFlightPerEndpoint,
        @DefaultValue("24h") Duration previousSecretLifetime,
        @DefaultValue("30d") Duration logRetention) {

    WebhookProperties {
        retryDelays = List.copyOf(retryDelays);
        if (retryDelays.isEmpty() || retryDelays.stream().anyMatch(delay -> delay.isNegative() || delay.isZero())) {
            throw new IllegalArgumentException("staffkit.webhooks.retry-delays must be one or more positive waits");
        }
        if (maxInFlight < 1 || maxInFlightPerEndpoint < 1) {
            throw new IllegalArgumentException("staffkit.webhooks.max-in-flight(-per-endpoint) must be at least 1");
        }
    }
}
