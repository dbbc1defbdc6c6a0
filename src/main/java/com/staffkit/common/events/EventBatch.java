package com.staffkit.common.events;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The events of a bulk write, written in sets. While a batch is open on this thread, a listener
 * that writes a row per event (the audit trail, the change announcements, activation emails) may
 * collect its events instead and write them with a few statements when the batch closes: still
 * inside the transaction, before anything reads them back. Listeners that do not collect see every
 * event as it is published, so each event still has every effect it has outside a batch.
 */
public final class EventBatch {

    private static final ThreadLocal<EventBatch> OPEN = new ThreadLocal<>();

    private final Map<Object, Collected<?>> collected = new LinkedHashMap<>();
    private boolean writing;

    private EventBatch() {}

    /**
     * Runs the work in a batch (or in the one already open) and, when it opened the batch, writes
     * what was collected, in the order the collecting listeners first heard of an event.
     */
    public static <T> T run(Supplier<T> work) {
        if (OPEN.get() != null) {
            return work.get();
        }
        EventBatch batch = new EventBatch();
        OPEN.set(batch);
        try {
            T result = work.get();
            batch.writeAll();
            return result;
        } finally {
            OPEN.remove();
        }
    }

    /**
     * Collects an item for {@code writer} when a batch is open (and not being written): true. Else
     * false, and the caller writes the item at once.
     */
    public static <T> boolean collect(Object writer, T item, Consumer<List<T>> writeAll) {
        EventBatch batch = OPEN.get();
        if (batch == null || batch.writing) {
            return false;
        }
        @SuppressWarnings("unchecked")
        Collected<T> items = (Collected<T>) batch.collected.computeIfAbsent(writer, w -> new Collected<>(writeAll));
        items.items.add(item);
        return true;
    }

    /** Events published while a set is written (an audit row's own event) take effect at once. */
    private void writeAll() {
        writing = true;
        collected.values().forEach(Collected::write);
        collected.clear();
    }

    private static final class Collected<T> {

        private final Consumer<List<T>> writeAll;
        private final List<T> items = new ArrayList<>();

        Collected(Consumer<List<T>> writeAll) {
            this.writeAll = writeAll;
        }

        void write() {
            writeAll.accept(List.copyOf(items));
        }
    }
}
