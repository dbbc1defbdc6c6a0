package com.staffkit.audit;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * UUIDv7 (RFC 9562) made from an event's own time: the first 48 bits are its milliseconds since the
 * epoch, so id order is time order and a time filter is also a range of ids. PostgreSQL 17 has no
 * uuidv7(), and Hibernate's generator reads its own clock rather than the event's.
 */
final class AuditEventIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private AuditEventIds() {}

    static UUID of(Instant occurredAt) {
        long random = RANDOM.nextLong();
        long high = (occurredAt.toEpochMilli() << 16) | 0x7000L | ((random >>> 52) & 0x0FFFL);
        long low = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }

    /** The id a client sent, if it is one (any UUID: ids of other versions name no event, and are not found). */
    static Optional<UUID> parse(String text) {
        try {
            return Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException ex) {
            return Optional.empty();
        }
    }

    /** The moment an id was made for (to the millisecond). */
    static Instant timeOf(UUID id) {
        return Instant.ofEpochMilli(id.getMostSignificantBits() >>> 16);
    }
}
