package com.staffkit.common.cache;

import com.zaxxer.hikari.HikariDataSource;
import io.github.resilience4j.core.IntervalFunction;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Hears the changes every instance announces: one connection of its own (not from the pool, which
 * would lose a pooled connection for good and forget its {@code LISTEN} on every return), opened
 * with the data source's URL and credentials, and a daemon thread waiting on it. Each notification
 * becomes a {@link CommittedChange} event for this instance's caches.
 *
 * <p>The connection is checked with a round trip after every wait; when it fails, caches stop
 * being trusted ({@link CacheTrust}) until it is open again, listening, and every cache has dropped
 * what it held. Reconnection attempts wait {@code staffkit.cache.reconnect-backoff}, doubling up to
 * {@code staffkit.cache.max-reconnect-backoff}.
 */
@Component
class ChangeListener implements SmartLifecycle, MeterBinder {

    static final String APPLICATION_NAME = "staffkit-change-listener";

    private static final Logger log = LoggerFactory.getLogger(ChangeListener.class);
    /**
     * How long one wait for notifications lasts (a notification ends it at once); after each, a
     * round trip checks the connection, for failures a wait does not see (a peer gone silent).
     */
    private static final int WAIT_MILLIS = 250;
    /** How long the check's round trip may take before the connection counts as lost. */
    private static final int CHECK_TIMEOUT_MILLIS = 500;

    private final DataSource dataSource;
    private final CacheTrust trust;
    private final ApplicationEventPublisher events;
    private final IntervalFunction backoff;
    private final @Nullable String url;
    private final AtomicLong received = new AtomicLong();

    private volatile boolean running;
    private volatile @Nullable Thread thread;

    ChangeListener(
            DataSource dataSource, CacheTrust trust, ApplicationEventPublisher events, CacheProperties properties) {
        this.dataSource = dataSource;
        this.trust = trust;
        this.events = events;
        this.backoff = properties.backoff();
        String configured = properties.listenerUrl();
        this.url = configured == null || configured.isBlank() ? null : configured.trim();
    }

    @Override
    public void start() {
        running = true;
        thread = Thread.ofPlatform().daemon().name(APPLICATION_NAME).start(this::listen);
    }

    @Override
    public void stop() {
        running = false;
        Thread listening = thread;
        if (listening != null) {
            // A wait for notifications ends within WAIT_MILLIS, a pause between attempts at once.
            listening.interrupt();
            try {
                listening.join(Duration.ofSeconds(5));
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        FunctionCounter.builder("staffkit.cache.notifications", received, AtomicLong::get)
                .description("Change notifications this instance received and handed to its caches, its own included")
                .register(registry);
    }

    private void listen() {
        int attempt = 0;
        boolean announcedLoss = false;
        while (running) {
            try (Connection opened = open()) {
                try (Statement statement = opened.createStatement()) {
                    statement.execute("LISTEN " + ChangeAnnouncer.CHANNEL);
                }
                trust.caughtUp();
                if (announcedLoss) {
                    log.info("Listening for changes again after {} attempt(s); caches were emptied", attempt);
                }
                attempt = 0;
                announcedLoss = false;
                receive(opened);
            } catch (SQLException | RuntimeException failure) {
                trust.lost();
                if (!running) {
                    break;
                }
                if (!announcedLoss) {
                    log.warn(
                            "Not listening for changes ({}); caches are bypassed until the connection is back",
                            failure.getMessage());
                    announcedLoss = true;
                } else {
                    log.debug("Change listener reconnection failed: {}", failure.getMessage());
                }
            }
            attempt++;
            if (!pause(backoff.apply(attempt))) {
                break;
            }
        }
        trust.lost();
    }

    /**
     * Waits for notifications and hands them on until the connection fails (a wait or a check
     * throws) or the listener stops. A connection lost without a word is noticed within
     * {@code WAIT_MILLIS + CHECK_TIMEOUT_MILLIS}.
     */
    private void receive(Connection opened) throws SQLException {
        PGConnection listening = opened.unwrap(PGConnection.class);
        opened.setNetworkTimeout(Runnable::run, CHECK_TIMEOUT_MILLIS);
        try (Statement check = opened.createStatement()) {
            while (running) {
                PGNotification[] notifications = listening.getNotifications(WAIT_MILLIS);
                if (notifications != null) {
                    for (PGNotification notification : notifications) {
                        CommittedChange.parse(notification.getParameter())
                                .ifPresentOrElse(events::publishEvent, () -> events.publishEvent(new ChangesMissed()));
                        received.incrementAndGet();
                    }
                }
                check.execute("select 1");
            }
        }
    }

    /** A connection of its own, with the pool's URL (unless one is configured) and credentials. */
    private Connection open() throws SQLException {
        HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
        Properties properties = new Properties();
        if (pool.getDataSourceProperties() != null) {
            properties.putAll(pool.getDataSourceProperties());
        }
        if (pool.getUsername() != null) {
            properties.setProperty("user", pool.getUsername());
        }
        if (pool.getPassword() != null) {
            properties.setProperty("password", pool.getPassword());
        }
        properties.setProperty("ApplicationName", APPLICATION_NAME);
        properties.setProperty("tcpKeepAlive", "true");
        properties.setProperty("connectTimeout", "5");
        return DriverManager.getConnection(url == null ? pool.getJdbcUrl() : url, properties);
    }

    /** False when the listener was stopped meanwhile. */
    private boolean pause(long millis) {
        try {
            Thread.sleep(millis);
            return running;
        } catch (InterruptedException interrupted) {
            return false;
        }
    }
}
