package com.staffkit.webhook;

import com.staffkit.common.cache.CommittedChange;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Sends queued events on every instance: claims due ones (each by exactly one instance) and makes
 * each attempt on a virtual thread of its own, at most {@code max-in-flight} at a time and
 * {@code max-in-flight-per-endpoint} per endpoint, so that a slow or failing endpoint never holds up
 * another's. Wakes at once when an instance announces queued events (the trigger's notification,
 * which reaches this instance too), and otherwise looks every {@code poll-interval} (retries come due
 * that way). Stopping leaves attempts that were cut off to come due again: at least once.
 */
@Component
class WebhookDispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);

    private final WebhookQueue queue;
    private final WebhookAttempts attempts;
    private final WebhookProperties properties;
    private final Semaphore free;
    private final Map<Long, Integer> inFlight = new ConcurrentHashMap<>();
    private final Object signal = new Object();
    private final Duration held;

    private volatile boolean running;
    private boolean woken;
    private Thread loop;
    private ExecutorService senders;

    WebhookDispatcher(WebhookQueue queue, WebhookAttempts attempts, WebhookProperties properties) {
        this.queue = queue;
        this.attempts = attempts;
        this.properties = properties;
        this.free = new Semaphore(properties.maxInFlight());
        // Longer than any attempt with its bookkeeping: a claim outlives its attempt unless the instance died.
        this.held = properties.timeout().multipliedBy(2).plusSeconds(60);
    }

    @Override
    public synchronized void start() {
        running = true;
        senders = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("webhook-", 0).factory());
        loop = Thread.ofPlatform().daemon().name("webhook-dispatcher").start(this::run);
    }

    @Override
    public synchronized void stop() {
        running = false;
        wake();
        try {
            loop.join(Duration.ofSeconds(5));
            senders.shutdown();
            if (!senders.awaitTermination(properties.timeout().toMillis() + 1000, TimeUnit.MILLISECONDS)) {
                senders.shutdownNow();
            }
        } catch (InterruptedException interrupted) {
            senders.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Events were queued (by this instance or another): look now rather than at the next poll. */
    @EventListener
    void onChange(CommittedChange change) {
        if (change.type().equals(WebhookQueue.QUEUED)) {
            wake();
        }
    }

    void wake() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    private void run() {
        while (running) {
            boolean full;
            try {
                full = dispatchDue();
            } catch (RuntimeException failure) {
                log.warn("Looking for due webhook deliveries failed; trying again: {}", failure.toString());
                full = false;
            }
            if (!full) {
                awaitSignal();
            }
        }
    }

    /** Starts the attempts of due events while permits are free; true when it claimed all it could take. */
    private boolean dispatchDue() {
        int available = free.availablePermits();
        if (available == 0) {
            return false;
        }
        List<WebhookQueue.Claimed> claimed =
                queue.claim(held, available, properties.maxInFlightPerEndpoint(), Map.copyOf(inFlight));
        for (WebhookQueue.Claimed message : claimed) {
            free.acquireUninterruptibly();
            inFlight.merge(message.endpointId(), 1, Integer::sum);
            senders.execute(() -> {
                try {
                    attempts.attempt(message);
                } catch (RuntimeException failure) {
                    log.warn(
                            "Webhook attempt of event {} failed; it comes due again: {}",
                            message.eventId(),
                            failure.toString());
                } finally {
                    inFlight.computeIfPresent(message.endpointId(), (endpoint, count) -> count > 1 ? count - 1 : null);
                    free.release();
                    wake();
                }
            });
        }
        return !claimed.isEmpty() && claimed.size() == available;
    }

    private void awaitSignal() {
        synchronized (signal) {
            try {
                if (!woken && running) {
                    signal.wait(properties.pollInterval().toMillis());
                }
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                running = false;
            }
            woken = false;
        }
    }
}
