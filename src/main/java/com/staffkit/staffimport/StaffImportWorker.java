package com.staffkit.staffimport;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Runs imports on every instance: claims one that is queued (or abandoned: running under a lease
 * that ran out) and applies its chunks in order, each in a transaction of its own
 * ({@link ImportChunkRunner}), up to {@code concurrent-imports} imports at once. Starts at once
 * when an upload on this instance commits, and otherwise looks every {@code poll-interval}. A chunk
 * that fails is tried again after {@code retry-wait}, by any instance; after {@value #MAX_ATTEMPTS}
 * failures in a row the import fails. Stopping finishes the chunk in flight and hands the import to
 * whichever instance claims it next.
 */
@Component
class StaffImportWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(StaffImportWorker.class);

    static final int MAX_ATTEMPTS = 3;

    private final ImportClaims claims;
    private final ImportChunkRunner chunks;
    private final StaffImportProperties properties;
    private final Clock clock;
    private final Semaphore free;
    private final Object signal = new Object();

    private volatile boolean running;
    private boolean woken;
    private Thread loop;
    private ExecutorService runners;

    StaffImportWorker(ImportClaims claims, ImportChunkRunner chunks, StaffImportProperties properties, Clock clock) {
        this.claims = claims;
        this.chunks = chunks;
        this.properties = properties;
        this.clock = clock;
        this.free = new Semaphore(properties.concurrentImports());
    }

    @Override
    public synchronized void start() {
        running = true;
        runners = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("staff-import-", 0).factory());
        loop = Thread.ofPlatform().daemon().name("staff-import-worker").start(this::run);
    }

    @Override
    public synchronized void stop() {
        running = false;
        wake();
        try {
            loop.join(Duration.ofSeconds(5));
            runners.shutdown();
            if (!runners.awaitTermination(30, TimeUnit.SECONDS)) {
                // A chunk cut off here is rolled back, and the lease brings its import back.
                runners.shutdownNow();
            }
        } catch (InterruptedException interrupted) {
            runners.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** An upload on this instance committed: start on it now rather than at the next poll. */
    @TransactionalEventListener
    void onQueued(StaffImportUpload.Queued queued) {
        wake();
    }

    void wake() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    private void run() {
        while (running) {
            if (!claimWhileFree()) {
                awaitSignal();
            }
        }
    }

    /** Starts imports while this instance has room for them; false when it found none or has no room. */
    private boolean claimWhileFree() {
        if (!free.tryAcquire()) {
            return false;
        }
        Optional<ImportClaims.Claimed> claimed;
        try {
            claimed = claims.claim(UUID.randomUUID(), properties.lease(), clock.instant());
        } catch (RuntimeException failure) {
            free.release();
            log.warn("Looking for staff imports to run failed; trying again: {}", failure.toString());
            return false;
        }
        if (claimed.isEmpty()) {
            free.release();
            return false;
        }
        runners.execute(() -> {
            try {
                runImport(claimed.get());
            } finally {
                free.release();
                wake();
            }
        });
        return true;
    }

    private void runImport(ImportClaims.Claimed claimed) {
        while (running) {
            ImportChunkRunner.Step step;
            try {
                step = chunks.runNext(claimed);
            } catch (RuntimeException failure) {
                failed(claimed, failure);
                return;
            }
            if (step != ImportChunkRunner.Step.APPLIED) {
                return;
            }
        }
        try {
            claims.release(claimed.id(), claimed.claim());
        } catch (RuntimeException failure) {
            log.warn(
                    "Handing over staff import {} failed; its lease brings it back: {}",
                    claimed.id(),
                    failure.toString());
        }
    }

    /** A chunk's transaction failed (and stored nothing): tried again later, or the import fails. */
    private void failed(ImportClaims.Claimed claimed, RuntimeException failure) {
        try {
            int attempts = claims.attemptFailed(claimed.id(), claimed.claim(), properties.retryWait());
            if (attempts >= MAX_ATTEMPTS) {
                log.error(
                        "Staff import {} failed {} times in a row; it ends as failed", claimed.id(), attempts, failure);
                chunks.giveUp(
                        claimed,
                        "A batch of rows could not be applied " + attempts + " times in a row (an error of the"
                                + " service); the rows not yet imported were dropped.");
            } else if (attempts > 0) {
                log.warn(
                        "A chunk of staff import {} failed (attempt {}); it is tried again in {}: {}",
                        claimed.id(),
                        attempts,
                        properties.retryWait(),
                        failure.toString());
            }
        } catch (RuntimeException bookkeeping) {
            log.warn(
                    "Staff import {} failed and recording it failed too; its lease brings it back: {} / {}",
                    claimed.id(),
                    failure.toString(),
                    bookkeeping.toString());
        }
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
