package com.staffkit.audit;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the monthly partitions of {@code audit_events}: the current month and
 * {@code staffkit.audit.months-ahead} more exist (so an insert always finds its month), and the
 * months older than {@code staffkit.audit.retention} are dropped whole. It runs at start-up and every
 * six hours, on one instance at a time (a transaction-scoped advisory lock; the others skip the run).
 */
@Component
class AuditPartitions {

    private static final Logger log = LoggerFactory.getLogger(AuditPartitions.class);

    /** The advisory lock of this job ("audit" in ASCII): one instance maintains, the others skip. */
    static final long LOCK_KEY = 0x6175_6469_74L;

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final AuditProperties properties;
    private final Clock clock;

    AuditPartitions(JdbcClient jdbc, TransactionTemplate transactions, AuditProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
    }

    /** Before the application runners (the bootstrap admin records events too). */
    @EventListener(ApplicationStartedEvent.class)
    void onStart() {
        maintain();
    }

    @Scheduled(fixedDelayString = "PT6H", initialDelayString = "PT6H")
    void scheduled() {
        try {
            maintain();
        } catch (RuntimeException ex) {
            log.warn("Audit partition maintenance failed; it will run again: {}", ex.toString());
        }
    }

    /** Creates the months ahead and drops the expired ones; returns the dropped partitions (none when another instance holds the lock). */
    List<String> maintain() {
        List<String> dropped = transactions.execute(status -> {
            boolean mine = jdbc.sql("select pg_try_advisory_xact_lock(:key)")
                    .param("key", LOCK_KEY)
                    .query(Boolean.class)
                    .single();
            if (!mine) {
                return List.<String>of();
            }
            Instant now = clock.instant();
            LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
            for (int month = 0; month <= properties.monthsAhead(); month++) {
                jdbc.sql("select audit_events_add_month(:day)")
                        .param("day", Date.valueOf(today.plusMonths(month)))
                        .query(String.class)
                        .single();
            }
            return jdbc.sql("select audit_events_drop_months_before(:cutoff)")
                    .param("cutoff", Timestamp.from(now.minus(properties.retention())))
                    .query(String.class)
                    .list();
        });
        if (dropped != null && !dropped.isEmpty()) {
            log.info("Audit retention ({}): dropped {}", properties.retention(), dropped);
        }
        return dropped == null ? List.of() : dropped;
    }
}
