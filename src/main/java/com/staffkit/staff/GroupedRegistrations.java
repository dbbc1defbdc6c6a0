package com.staffkit.staff;

import com.staffkit.common.error.ConflictException;
import com.staffkit.common.security.Caller;
import com.staffkit.common.web.BulkheadFilter;
import com.staffkit.common.web.RequestOrigin;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Single registrations (POST) written in groups: each request applies the rules in its own thread,
 * then waits its turn to write; whoever writes takes every registration waiting by then and writes
 * them in one transaction (one flush, one audit insert, one notification statement, one commit),
 * each with its own caller and request id in its events. Nobody waits for a group to fill: one
 * request alone is a group of one, so only creates that arrive together share a commit, the way a
 * database shares one log flush between transactions that commit together.
 *
 * <p>A taken email, username or remote_id is that request's 409, as its own transaction would have
 * made it. A group that fails as a whole (a claim that another instance, or the group before it
 * still committing, took in the same instant; a deadlock) is not anyone's answer: each of its
 * requests registers again on its own.
 */
@Service
class GroupedRegistrations implements MeterBinder {

    /** At most this many registrations share a transaction (a bulk request's size stays the larger batch). */
    static final int MAX_GROUP = 100;

    /**
     * One group is written at a time, and its writer gives up the turn once the group's statements
     * have run, before the commit: the next group is written while this one's commit (its WAL
     * flush) completes. Two groups written at once each came out half the size and cost PostgreSQL
     * more per create than one group twice the size (docs/performance.md, thirteenth round).
     */
    static final int WRITERS = 1;

    /**
     * Groups written or committing at once: one committing while the next is written. A stalled
     * commit (a slow disk) holds up the writing of the group after next rather than piling
     * committing groups onto the connection pool.
     */
    static final int IN_FLIGHT = 2;

    private final StaffRegistration registration;
    private final StaffUniqueness uniqueness;
    private final StaffReader reader;
    private final TransactionTemplate transactions;
    private final Queue<Waiting> waiting = new ConcurrentLinkedQueue<>();
    private final Semaphore writers = new Semaphore(WRITERS);
    private final Semaphore inFlight = new Semaphore(IN_FLIGHT);

    private @Nullable DistributionSummary groupSizes;

    GroupedRegistrations(
            StaffRegistration registration,
            StaffUniqueness uniqueness,
            StaffReader reader,
            TransactionTemplate transactions) {
        this.registration = registration;
        this.uniqueness = uniqueness;
        this.reader = reader;
        this.transactions = transactions;
    }

    /** A registration waiting for its group to be written, and what became of it. */
    private static final class Waiting {

        final StaffRegistration.Registration registration;
        /** Taken into a group by a writer (this request's thread or another). */
        volatile boolean claimed;

        final CompletableFuture<Outcome> outcome = new CompletableFuture<>();

        Waiting(StaffRegistration.Registration registration) {
            this.registration = registration;
        }

        void answer(Outcome answer) {
            outcome.complete(answer);
        }
    }

    private sealed interface Outcome {}

    /** Its row as the group's transaction read it back, for the request to answer with. */
    private record Written(StaffRow row) implements Outcome {}

    private record Taken(String field) implements Outcome {}

    private record FailedAlone(RuntimeException failure) implements Outcome {}

    private record GroupFailed() implements Outcome {}

    StaffResponse create(Caller caller, CreateStaffRequest request) {
        StaffRegistration.NewStaff created =
                registration.withFirstPassword(registration.check(caller, request), request);
        Waiting mine = new Waiting(new StaffRegistration.Registration(caller, created, RequestOrigin.current()));
        waiting.add(mine);
        // Waiting for a group is not work: the request's lane goes to another request meanwhile,
        // which is what lets groups grow beyond the number of lanes.
        BulkheadFilter.awayFromLane(() -> {
            awaitWritten(mine);
            return null;
        });
        return switch (mine.outcome.join()) {
            case Written written -> {
                StaffResponse response = reader.asSeenBy(caller, written.row());
                yield created.generatedPassword() == null
                        ? response
                        : response.withGeneratedPassword(created.generatedPassword());
            }
            case Taken taken -> throw ConflictException.alreadyInUse(taken.field());
            case FailedAlone failedAlone -> throw failedAlone.failure();
            case GroupFailed groupFailed -> registration.create(caller, request);
        };
    }

    /**
     * Until the registration's group is written: by this thread when a writer's turn comes to it
     * first, else by the writer that took it into its group.
     */
    private void awaitWritten(Waiting mine) {
        while (!mine.claimed) {
            inFlight.acquireUninterruptibly(); // always before the turn: one order, no deadlock
            try {
                writers.acquireUninterruptibly();
                Turn turn = new Turn();
                try {
                    if (!mine.claimed) {
                        writeWaiting(turn);
                    }
                } finally {
                    turn.giveBack();
                }
            } finally {
                inFlight.release();
            }
        }
        mine.outcome.join();
    }

    /** A writer's turn, given back once: before its group's commit, or however its writing ended. */
    private final class Turn {

        private boolean held = true; // only the writer's thread gives it back

        void giveBack() {
            if (held) {
                held = false;
                writers.release();
            }
        }
    }

    /** Writes the registrations waiting now (the writer's own among them) as one group. */
    private void writeWaiting(Turn turn) {
        List<Waiting> group = new ArrayList<>();
        Waiting next;
        while (group.size() < MAX_GROUP && (next = waiting.poll()) != null) {
            next.claimed = true;
            group.add(next);
        }
        if (group.isEmpty()) {
            return; // another writer took them in the meantime
        }
        if (groupSizes != null) {
            groupSizes.record(group.size());
        }
        try {
            List<Outcome> outcomes = transactions.execute(status -> {
                List<Outcome> written = write(group);
                turn.giveBack(); // the next group is written while this one commits
                return written;
            });
            for (int i = 0; i < group.size(); i++) {
                group.get(i).answer(outcomes.get(i));
            }
        } catch (RuntimeException failure) {
            Outcome failed = group.size() == 1 ? new FailedAlone(failure) : new GroupFailed();
            group.forEach(member -> member.answer(failed));
        } finally {
            // Whatever else went wrong, nobody of the group is left waiting for an answer (a
            // member answered already keeps its answer).
            group.forEach(member -> member.answer(new GroupFailed()));
        }
    }

    private List<Outcome> write(List<Waiting> group) {
        // Alone, a registration is refused by the constraints as a single write always was; in a
        // group, one member's taken email must not fail the others.
        List<@Nullable String> taken = group.size() == 1
                ? Collections.singletonList(null)
                : uniqueness.conflictsOfNew(group.stream()
                        .map(member -> member.registration.created().staff())
                        .toList());
        List<StaffRegistration.Registration> accepted = new ArrayList<>();
        for (int i = 0; i < group.size(); i++) {
            if (taken.get(i) == null) {
                accepted.add(group.get(i).registration);
            }
        }
        registration.writeAll(accepted);
        Map<Long, StaffRow> rows = reader.rows(
                accepted.stream().map(written -> written.created().staff().id()).toList());
        List<Outcome> outcomes = new ArrayList<>(group.size());
        for (int i = 0; i < group.size(); i++) {
            String field = taken.get(i);
            outcomes.add(
                    field == null
                            ? new Written(rows.get(
                                    group.get(i).registration.created().staff().id()))
                            : new Taken(field));
        }
        return outcomes;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        groupSizes = DistributionSummary.builder("staffkit.staff.registration.group.size")
                .description("Single staff creates written together in one transaction")
                .register(registry);
        Gauge.builder("staffkit.staff.registration.waiting", waiting, Queue::size)
                .description("Single staff creates waiting for their group to be written")
                .register(registry);
    }
}
