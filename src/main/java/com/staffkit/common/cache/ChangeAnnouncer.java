package com.staffkit.common.cache;

import com.staffkit.common.events.DomainEvent;
import com.staffkit.common.events.EventBatch;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Announces every change: each domain event, and the session revocations that are not domain
 * events. Inside the committing transaction it sends {@code pg_notify}, which PostgreSQL delivers to
 * every listening instance if and when the transaction commits; and as the transaction commits it
 * hands the change to this instance's caches at once, before the response leaves.
 */
@Component
public class ChangeAnnouncer {

    static final String CHANNEL = "staffkit_changes";

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    ChangeAnnouncer(JdbcClient jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    /** Every domain event, in the transaction that publishes it. */
    @EventListener
    void onChange(DomainEvent event) {
        CommittedChange change = CommittedChange.of(event);
        if (!EventBatch.collect(this, change, this::announceAll)) {
            announce(change);
        }
    }

    /** A bulk write's changes: one statement sends every notification. */
    private void announceAll(List<CommittedChange> changes) {
        jdbc.sql("select pg_notify(:channel, payload) from unnest(cast(:payloads as text[])) payload")
                .param("channel", CHANNEL)
                .param(
                        "payloads",
                        changes.stream().map(CommittedChange::payload).toArray(String[]::new))
                .query((rs, row) -> row)
                .list();
        changes.forEach(this::afterCommit);
    }

    /** Announces a change made in the current transaction (or, outside one, already made). */
    public void announce(CommittedChange change) {
        jdbc.sql("select pg_notify(:channel, :payload)")
                .param("channel", CHANNEL)
                .param("payload", change.payload())
                .query((rs, row) -> row)
                .list();
        afterCommit(change);
    }

    private void afterCommit(CommittedChange change) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    events.publishEvent(change);
                }
            });
        } else {
            events.publishEvent(change);
        }
    }
}
