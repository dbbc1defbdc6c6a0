package com.staffkit.staff;

import com.staffkit.common.error.ApiException;
import com.staffkit.common.error.ConflictException;
import com.staffkit.common.error.KnownFailures;
import com.staffkit.common.events.EventBatch;
import com.staffkit.common.input.JsonMergePatch;
import com.staffkit.common.security.Caller;
import com.staffkit.common.web.RequestOrigin;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/**
 * Many creates or changes in one request and one transaction, each item through the same rules
 * and events as a single request, and each answered with the status and problem a single request
 * would have had. Creates are checked first (rules, then taken emails, usernames and remote_ids for
 * the whole batch in two statements) and written in one flush, then read back in one statement.
 * Atomic: the first failure (by index) is the answer, with its index, and nothing is stored.
 */
@Service
class StaffBulk {

    public static final int MAX_ITEMS = 1000;

    private final StaffRegistration registration;
    private final StaffProfileChanges changes;
    private final StaffUniqueness uniqueness;
    private final StaffReader reader;
    private final JsonMergePatch mergePatch;
    private final EntityManager entityManager;

    StaffBulk(
            StaffRegistration registration,
            StaffProfileChanges changes,
            StaffUniqueness uniqueness,
            StaffReader reader,
            JsonMergePatch mergePatch,
            EntityManager entityManager) {
        this.registration = registration;
        this.changes = changes;
        this.uniqueness = uniqueness;
        this.reader = reader;
        this.mergePatch = mergePatch;
        this.entityManager = entityManager;
    }

    /** One item as the request gave it: bound, or refused while binding (a mistyped or invalid item). */
    public record Item<T>(
            int index, @Nullable T value, @Nullable ApiException refused) {

        public static <T> Item<T> of(int index, T value) {
            return new Item<>(index, value, null);
        }

        public static <T> Item<T> refused(int index, ApiException problem) {
            return new Item<>(index, null, problem);
        }
    }

    /** A change of one staff member: its id and a JSON merge patch, as {@code PATCH /staffs/{id}} takes. */
    public record Change(long id, JsonNode patch) {}

    /** What became of one item. */
    public record Outcome(
            int index,
            Kind kind,
            @Nullable StaffResponse staff,
            @Nullable ApiException problem) {

        public enum Kind {
            CREATED,
            UPDATED,
            UNCHANGED,
            FAILED
        }

        /** The status a single request would have answered with. */
        public int status() {
            return switch (kind) {
                case CREATED -> 201;
                case UPDATED, UNCHANGED -> 200;
                case FAILED -> problem.getStatusCode().value();
            };
        }

        static Outcome failed(int index, ApiException problem) {
            return new Outcome(index, Kind.FAILED, null, problem);
        }
    }

    @Transactional
    public List<Outcome> create(Caller caller, List<Item<CreateStaffRequest>> items, boolean atomic) {
        return create(caller, items, atomic, true);
    }

    /** As above; without {@code readBack} the created outcomes carry no staff member (an import counts them). */
    @Transactional
    List<Outcome> create(Caller caller, List<Item<CreateStaffRequest>> items, boolean atomic, boolean readBack) {
        RegistrationLookups lookups = registration.rememberingLookups();
        Outcome[] outcomes = new Outcome[items.size()];
        List<Integer> positions = new ArrayList<>();
        List<StaffRegistration.NewStaff> prepared = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Item<CreateStaffRequest> item = items.get(i);
            if (item.refused() != null) {
                outcomes[i] = Outcome.failed(item.index(), item.refused());
                continue;
            }
            try {
                prepared.add(registration.prepare(caller, item.value(), DirectoryProfile.NONE, lookups));
                positions.add(i);
            } catch (RuntimeException failure) {
                outcomes[i] = Outcome.failed(item.index(), problemOf(failure));
            }
        }
        List<@Nullable String> taken = uniqueness.conflictsOfNew(
                prepared.stream().map(StaffRegistration.NewStaff::staff).toList());
        List<StaffRegistration.NewStaff> accepted = new ArrayList<>();
        List<Integer> acceptedPositions = new ArrayList<>();
        for (int p = 0; p < prepared.size(); p++) {
            int i = positions.get(p);
            if (taken.get(p) != null) {
                outcomes[i] = Outcome.failed(items.get(i).index(), ConflictException.alreadyInUse(taken.get(p)));
            } else {
                accepted.add(prepared.get(p));
                acceptedPositions.add(i);
            }
        }
        if (atomic) {
            throwFirstFailure(outcomes);
        }
        RequestOrigin origin = RequestOrigin.current();
        registration.writeAll(accepted.stream()
                .map(created -> new StaffRegistration.Registration(caller, created, origin))
                .toList());
        Map<Long, StaffResponse> read = readBack
                ? reader.getAll(
                        caller,
                        accepted.stream().map(created -> created.staff().id()).toList())
                : Map.of();
        for (int a = 0; a < accepted.size(); a++) {
            StaffRegistration.NewStaff created = accepted.get(a);
            StaffResponse staff = read.get(created.staff().id());
            if (staff != null && created.generatedPassword() != null) {
                staff = staff.withGeneratedPassword(created.generatedPassword());
            }
            int i = acceptedPositions.get(a);
            outcomes[i] = new Outcome(items.get(i).index(), Outcome.Kind.CREATED, staff, null);
        }
        return List.of(outcomes);
    }

    @Transactional
    public List<Outcome> change(Caller caller, List<Item<Change>> items, boolean atomic) {
        return EventBatch.run(() -> changeEach(caller, items, atomic));
    }

    private List<Outcome> changeEach(Caller caller, List<Item<Change>> items, boolean atomic) {
        List<Outcome> outcomes = new ArrayList<>(items.size());
        for (Item<Change> item : items) {
            Outcome outcome;
            if (item.refused() != null) {
                outcome = Outcome.failed(item.index(), item.refused());
            } else {
                try {
                    Change change = item.value();
                    StaffProfileChanges.Changed changed = changes.changeInBulk(
                            caller,
                            change.id(),
                            current -> mergePatch.apply(current, change.patch(), UpdateStaffRequest.class));
                    outcome = new Outcome(
                            item.index(),
                            changed.changed() ? Outcome.Kind.UPDATED : Outcome.Kind.UNCHANGED,
                            changed.staff(),
                            null);
                } catch (RuntimeException failure) {
                    // Refused before anything was written; what it loaded must not be flushed later.
                    entityManager.clear();
                    outcome = Outcome.failed(item.index(), problemOf(failure));
                }
            }
            if (atomic && outcome.kind() == Outcome.Kind.FAILED) {
                throw withIndex(outcome);
            }
            outcomes.add(outcome);
        }
        return outcomes;
    }

    private static void throwFirstFailure(Outcome[] outcomes) {
        for (Outcome outcome : outcomes) {
            if (outcome != null && outcome.kind() == Outcome.Kind.FAILED) {
                throw withIndex(outcome);
            }
        }
    }

    /** An atomic request's answer: the first failing item's problem, naming the item. */
    private static ApiException withIndex(Outcome failed) {
        ApiException problem = failed.problem();
        problem.getBody().setProperty("index", failed.index());
        return problem;
    }

    /** An item's failure as the problem a single request would have answered; anything unknown fails the request. */
    private static ApiException problemOf(RuntimeException failure) {
        return KnownFailures.problemOf(failure).orElseThrow(() -> failure);
    }
}
