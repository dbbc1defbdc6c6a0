package com.staffkit.audit;

import com.staffkit.common.error.FieldViolation;
import com.staffkit.common.error.InvalidRequestException;
import com.staffkit.common.events.Actor;
import com.staffkit.common.events.Target;
import com.staffkit.common.persistence.SqlWhere;
import io.swagger.v3.oas.annotations.Parameter;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.BindParam;

/** The filters of {@code GET /api/v1/audit-events} (and of a staff member's history), bound from the query string by name. */
record AuditEventFilter(
        @BindParam("type")
        @Parameter(
                name = "type",
                description = "Event type; repeat for any of several. A trailing .* matches a prefix: staff.*")
        @Nullable
        List<String> types,

        @BindParam("actor_type")
        @Parameter(name = "actor_type", description = "staff, api_key, system or anonymous")
        @Nullable
        String actorType,

        @BindParam("actor_id")
        @Parameter(name = "actor_id", description = "The acting staff member's or API key's id")
        @Nullable
        Long actorId,

        @BindParam("target_type")
        @Parameter(name = "target_type", description = "staff, team, role, store, organization, api_key or webhook")
        @Nullable
        String targetType,

        @BindParam("target_id") @Parameter(name = "target_id", description = "The changed item's id") @Nullable
        Long targetId,

        @Parameter(description = "Events at or after this instant (ISO 8601, e.g. 2026-01-31T00:00:00Z)") @Nullable
        String since,

        @Parameter(description = "Events before this instant (ISO 8601)") @Nullable
        String until,

        @Parameter(description = "Organization id (for callers that see several)") @Nullable
        Long organization,

        @BindParam("request_id")
        @Parameter(name = "request_id", description = "The X-Request-Id of the request that made the change")
        @Nullable
        String requestId) {

    private static final List<String> ACTOR_TYPES =
            Arrays.stream(Actor.Type.values()).map(Actor.Type::code).toList();
    private static final Pattern TYPE = Pattern.compile("[a-z_]{1,40}(\\.[a-z_]{1,40}){0,3}(\\.\\*)?");

    AuditEventFilter {
        List<FieldViolation> errors = new ArrayList<>();
        if (types != null) {
            types = List.copyOf(types);
            if (types.size() > 20) {
                errors.add(new FieldViolation("type", "at most 20 types"));
            }
            types.stream()
                    .filter(type -> !TYPE.matcher(type).matches())
                    .findFirst()
                    .ifPresent(type -> errors.add(new FieldViolation("type", "not an event type: " + type)));
        }
        if (actorType != null && !ACTOR_TYPES.contains(actorType)) {
            errors.add(new FieldViolation("actor_type", "must be one of " + String.join(", ", ACTOR_TYPES)));
        }
        if (targetType != null && !Target.TYPES.contains(targetType)) {
            errors.add(new FieldViolation("target_type", "must be one of " + String.join(", ", Target.TYPES)));
        }
        Instant from = instant("since", since, errors);
        Instant to = instant("until", until, errors);
        if (from != null && to != null && !from.isBefore(to)) {
            errors.add(new FieldViolation("until", "must be after since"));
        }
        if (requestId != null && requestId.length() > 128) {
            errors.add(new FieldViolation("request_id", "at most 128 characters"));
        }
        if (!errors.isEmpty()) {
            throw InvalidRequestException.of(errors);
        }
    }

    /** No filter at all: a staff member's history takes only its own. */
    static AuditEventFilter none() {
        return new AuditEventFilter(null, null, null, null, null, null, null, null, null);
    }

    /** The predicates of these filters (the caller's visible organizations are added by the query). */
    void addTo(SqlWhere where) {
        if (types != null && !types.isEmpty()) {
            // One equality or prefix range per type, each an index condition of the type indexes
            // (text_pattern_ops): a single type reads its index newest first. "staff.*" is the range
            // ["staff.", "staff/"): every name starting with "staff." and no other.
            List<String> alternatives = new ArrayList<>();
            for (int i = 0; i < types.size(); i++) {
                String type = types.get(i);
                if (type.endsWith(".*")) {
                    String prefix = type.substring(0, type.length() - 1);
                    String end = prefix.substring(0, prefix.length() - 1) + "/";
                    alternatives.add("(e.type ~>=~ :typeFrom" + i + " and e.type ~<~ :typeTo" + i + ")");
                    where.bind("typeFrom" + i, prefix).bind("typeTo" + i, end);
                } else {
                    alternatives.add("e.type = :type" + i);
                    where.bind("type" + i, type);
                }
            }
            where.and("(" + String.join(" or ", alternatives) + ")");
        }
        if (actorType != null) {
            where.and("e.actor_type = :actorType", "actorType", actorType);
        }
        if (actorId != null) {
            where.and("e.actor_id = :actorId", "actorId", actorId);
        }
        if (targetType != null) {
            where.and("e.target_type = :targetType", "targetType", targetType);
        }
        if (targetId != null) {
            where.and("e.target_id = :targetId", "targetId", targetId);
        }
        if (since != null) {
            where.and("e.occurred_at >= :since", "since", Timestamp.from(instant(since)));
        }
        if (until != null) {
            where.and("e.occurred_at < :until", "until", Timestamp.from(instant(until)));
        }
        if (organization != null) {
            where.and("e.organization_id = :organization", "organization", organization);
        }
        if (requestId != null) {
            where.and("e.request_id = :requestId", "requestId", requestId);
        }
    }

    /**
     * How since and until are read, for the check here and for the query: one rule. (A record keeps
     * only its components, and each component is a documented, bindable query parameter, so the
     * parsed instants are not kept; parsing twice costs about a microsecond.)
     */
    private static Instant instant(String value) {
        return Instant.parse(value);
    }

    private static @Nullable Instant instant(String field, @Nullable String value, List<FieldViolation> errors) {
        if (value == null) {
            return null;
        }
        try {
            return instant(value);
        } catch (DateTimeParseException ex) {
            errors.add(new FieldViolation(field, "must be an ISO 8601 instant such as 2026-01-31T00:00:00Z"));
            return null;
        }
    }
}
