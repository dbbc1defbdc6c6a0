package com.staffkit.common.cache;

import com.staffkit.common.events.DomainEvent;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A change that committed, as caches learn of it: on the instance that made it as its transaction
 * commits, and on every instance (that one included) through PostgreSQL's {@code NOTIFY}. It names
 * what changed and nothing more: never a value, a token, a hash or a password.
 *
 * @param type what happened, dotted ({@code staff.deactivated}, {@code session.revoked}, ...)
 * @param targetType the kind of aggregate that changed ({@code staff}, {@code role}, ...)
 * @param targetId its id
 * @param organizationId the organization whose data changed
 */
public record CommittedChange(String type, String targetType, long targetId, long organizationId) {

    /** What a type or a target type may hold: a payload stays small and splits unambiguously. */
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_.]{0,99}");

    private static final char SEPARATOR = ' ';

    /** PostgreSQL refuses a {@code NOTIFY} payload of 8000 bytes or more; ours stays far below. */
    static final int MAX_PAYLOAD_LENGTH = 2 * 100 + 2 * 20 + 3;

    public CommittedChange {
        if (!NAME.matcher(type).matches()) {
            throw new IllegalArgumentException("Not a change type: " + type);
        }
        if (!NAME.matcher(targetType).matches()) {
            throw new IllegalArgumentException("Not a target type: " + targetType);
        }
    }

    public static CommittedChange of(DomainEvent event) {
        return new CommittedChange(
                event.type(), event.target().type(), event.target().id(), event.organizationId());
    }

    public boolean targets(String targetType) {
        return this.targetType.equals(targetType);
    }

    /** The {@code NOTIFY} payload: {@code <type> <target type> <target id> <organization id>}. */
    String payload() {
        return type + SEPARATOR + targetType + SEPARATOR + targetId + SEPARATOR + organizationId;
    }

    /** The change a payload names, or empty for one this version cannot read. */
    static Optional<CommittedChange> parse(String payload) {
        if (payload.length() > MAX_PAYLOAD_LENGTH) {
            return Optional.empty();
        }
        String[] parts = payload.split(String.valueOf(SEPARATOR), -1);
        if (parts.length != 4) {
            return Optional.empty();
        }
        try {
            return Optional.of(
                    new CommittedChange(parts[0], parts[1], Long.parseLong(parts[2]), Long.parseLong(parts[3])));
        } catch (IllegalArgumentException unreadable) {
            return Optional.empty();
        }
    }
}
