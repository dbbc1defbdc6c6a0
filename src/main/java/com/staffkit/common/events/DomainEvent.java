package com.staffkit.common.events;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One change of an aggregate, published by its owner in the transaction that makes it: exactly one
 * event per change, so what listens (sessions, caches, mail, and later the audit trail and webhooks)
 * sees every change once and nothing that did not commit.
 *
 * @param type what happened, dotted: {@code staff.created}, {@code team.member_added}, ...
 * @param organizationId the organization whose data changed
 * @param actor who made the change
 * @param target what changed
 * @param changes for an update, each field that changed from what to what (secrets only as changed)
 * @param occurredAt when the change was made
 */
public record DomainEvent(
        String type, long organizationId, Actor actor, Target target, List<FieldChange> changes, Instant occurredAt) {

    public DomainEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(target, "target");
        changes = List.copyOf(changes);
        Objects.requireNonNull(occurredAt, "occurredAt");
    }

    public boolean is(String type) {
        return this.type.equals(type);
    }

    /** True when the change touched this field (by its JSON name). */
    public boolean changed(String field) {
        return changes.stream().anyMatch(change -> change.field().equals(field));
    }

    /** True when the change set this field (by its JSON name) to this value. */
    public boolean changedTo(String field, Object value) {
        return changes.stream().anyMatch(change -> change.field().equals(field) && value.equals(change.to()));
    }

    /** True when the change was made to an aggregate of this type. */
    public boolean targets(String targetType) {
        return target.type().equals(targetType);
    }
}
