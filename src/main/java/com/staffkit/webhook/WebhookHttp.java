package com.staffkit.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Makes one webhook attempt: a POST that follows no redirect, reuses connections, resolves the host
 * through {@link GuardedDnsResolver}, is cut off after the timeout (connecting, waiting and reading
 * together) and keeps at most {@value #KEPT_BODY_BYTES} bytes of the answer.
 */
@Component
class WebhookHttp implements DisposableBean {

    static final int KEPT_BODY_BYTES = 4096;
    private static final String USER_AGENT = "Staffkit-Webhooks/1.0";

    /** One attempt's outcome: a status when the receiver answered, else the error. */
    record Answer(
            @Nullable Integer status,
            Duration duration,
            @Nullable String error,
            @Nullable String body,
            @Nullable Duration retryAfter) {

        boolean succeeded() {
            return status != null && status >= 200 && status < 300;
        }
    }

    private final CloseableHttpClient client;
    private final Duration timeout;
    private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("webhook-deadlines").factory());

    WebhookHttp(WebhookProperties properties, WebhookUrls urls) {
        this.timeout = properties.timeout();
        Timeout limit = Timeout.of(timeout);
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(new GuardedDnsResolver(urls))
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(limit)
                                .setSocketTimeout(limit)
                                .setTimeToLive(TimeValue.ofMinutes(5))
                                .build())
                        // Endpoints on one host share a route: the dispatcher bounds each endpoint, not the pool.
                        .setMaxConnTotal(properties.maxInFlight())
                        .setMaxConnPerRoute(properties.maxInFlight())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setRedirectsEnabled(false)
                        .setConnectionRequestTimeout(limit)
                        .setResponseTimeout(limit)
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableContentCompression()
                .disableCookieManagement()
                .disableAuthCaching()
                .evictIdleConnections(TimeValue.ofMinutes(1))
                .setUserAgent(USER_AGENT)
                .build();
    }

    Answer post(String url, String id, long timestamp, String signatures, String body) {
        HttpPost post = new HttpPost(url);
        post.setHeader("webhook-id", id);
        post.setHeader("webhook-timestamp", Long.toString(timestamp));
        post.setHeader("webhook-signature", signatures);
        post.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON));
        long started = System.nanoTime();
        // The client's timeouts bound each wait; this bounds the attempt, however slowly bytes arrive.
        AtomicBoolean timedOut = new AtomicBoolean();
        ScheduledFuture<?> deadline = deadlines.schedule(
                () -> {
                    timedOut.set(true);
                    post.cancel();
                },
                timeout.toMillis(),
                TimeUnit.MILLISECONDS);
        ClassicHttpResponse response = null;
        try {
            response = client.executeOpen(null, post, null);
            Kept kept = keep(response.getEntity());
            if (!kept.whole()) {
                // The rest of a long answer is never read: the connection is dropped, not drained.
                post.cancel();
            }
            return new Answer(
                    response.getCode(),
                    since(started),
                    null,
                    kept.text(),
                    retryAfter(response.getFirstHeader("Retry-After")));
        } catch (IOException | RuntimeException failure) {
            String error = timedOut.get() ? "timed out after " + timeout.toMillis() + " ms" : describe(failure);
            return new Answer(null, since(started), error, null, null);
        } finally {
            deadline.cancel(false);
            closeQuietly(response);
        }
    }

    private static void closeQuietly(@Nullable ClassicHttpResponse response) {
        if (response != null) {
            try {
                response.close();
            } catch (IOException | RuntimeException alreadyGone) {
                // a cancelled or cut-off exchange: nothing left to release
            }
        }
    }

    private static Duration since(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** The first bytes of an answer, as text without NUL characters (which no text column takes). */
    private record Kept(@Nullable String text, boolean whole) {}

    private static Kept keep(@Nullable HttpEntity entity) throws IOException {
        if (entity == null) {
            return new Kept(null, true);
        }
        InputStream content = entity.getContent();
        byte[] kept = content.readNBytes(KEPT_BODY_BYTES);
        boolean whole = kept.length < KEPT_BODY_BYTES || content.read() == -1;
        return new Kept(new String(kept, StandardCharsets.UTF_8).replace("\0", ""), whole);
    }

    /** {@code Retry-After} in seconds or as an HTTP date; null when absent or unreadable. */
    static @Nullable Duration retryAfter(@Nullable Header header) {
        if (header == null || header.getValue() == null) {
            return null;
        }
        String value = header.getValue().strip();
        try {
            long seconds = Long.parseLong(value);
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
                Duration wait = Duration.between(Instant.now(), at);
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }

    private static String describe(Exception failure) {
        String message = failure.getMessage();
        String text = message == null || message.isBlank()
                ? failure.getClass().getSimpleName()
                : failure.getClass().getSimpleName() + ": " + message;
        return text.length() <= 500 ? text : text.substring(0, 500);
    }

    @Override
    public void destroy() throws IOException {
        deadlines.shutdownNow();
        client.close();
    }
}
