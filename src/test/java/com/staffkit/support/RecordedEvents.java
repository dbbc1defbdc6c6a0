package com.staffkit.support;

import com.staffkit.common.events.DomainEvent;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The domain events whose transaction committed, as listeners after the commit see them: a test
 * reads the events of the rows it made (by target id), so tests running before it do not matter.
 */
public class RecordedEvents {

    private final ConcurrentLinkedQueue<DomainEvent> committed = new ConcurrentLinkedQueue<>();

    @TransactionalEventListener(fallbackExecution = true)
    void onCommitted(DomainEvent event) {
        committed.add(event);
    }

    /** Every committed event so far, oldest first. */
    public List<DomainEvent> all() {
        return List.copyOf(committed);
    }

    /** The committed events about this target, oldest first. */
    public List<DomainEvent> about(String targetType, long targetId) {
        return committed.stream()
                .filter(event -> event.targets(targetType) && event.target().id() == targetId)
                .toList();
    }

    @TestConfiguration(proxyBeanMethods = false)
    public static class Config {

        @Bean
        RecordedEvents recordedEvents() {
            return new RecordedEvents();
        }
    }
}
