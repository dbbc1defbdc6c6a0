package com.staffkit.support;

import static org.awaitility.Awaitility.await;

import com.staffkit.common.cache.CommittedChange;
import com.staffkit.common.events.Target;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Waits until this instance has heard every change announced so far. A test's set-up commits
 * announce their changes too, and one heard late drops what the test then means to read from
 * memory. Notifications arrive in the order of their commits: once a marker sent after them has
 * been heard, so have they. The marker names a webhook, which no cached row or caller holds.
 */
public class ChangesHeard {

    private static final AtomicLong MARKERS = new AtomicLong(Long.MAX_VALUE / 2);

    private final Set<Long> heard = ConcurrentHashMap.newKeySet();
    private final JdbcClient jdbc;

    ChangesHeard(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener
    void onChange(CommittedChange change) {
        if (change.targets(Target.WEBHOOK) && change.type().equals("test.marker")) {
            heard.add(change.targetId());
        }
    }

    public void awaitAllSoFar() {
        long marker = MARKERS.incrementAndGet();
        jdbc.sql("select pg_notify('staffkit_changes', :payload)")
                .param("payload", "test.marker " + Target.WEBHOOK + " " + marker + " 0")
                .query((rs, row) -> row)
                .list();
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(5)).until(() -> heard.contains(marker));
    }

    @TestConfiguration(proxyBeanMethods = false)
    public static class Config {

        @Bean
        ChangesHeard changesHeard(JdbcClient jdbc) {
            return new ChangesHeard(jdbc);
        }
    }
}
