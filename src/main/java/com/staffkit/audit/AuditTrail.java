package com.staffkit.audit;

import com.staffkit.common.events.AccessEvent;
import com.staffkit.common.events.Actor;
import com.staffkit.common.events.DomainEvent;
import com.staffkit.common.events.EventBatch;
import com.staffkit.common.events.FieldChange;
import com.staffkit.common.events.Target;
import com.staffkit.common.web.RequestOrigin;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records every change and access event in {@code audit_events}: one insert, in the transaction that
 * publishes the event, so there is no change without its event and no event without its change. The
 * insert itself names the acting staff member or API key (and the key's creator) as they are at that
 * moment (sub-selects of {@code staff_display_of}, which the planner inlines). A secret appears only as {@code {"field": "password", "changed": true}}.
 */
@Component
class AuditTrail {

    private static final String INSERT = """
            insert into audit_events (id, type, occurred_at, organization_id,
                                      actor_type, actor_id, actor_display, actor_key_creator_id, actor_key_creator_display,
                                      target_type, target_id, target_display, changes,
                                      request_id, client_address, user_agent)
            values (:id, :type, :occurredAt, :organizationId,
                    :actorType, :actorId,
                    coalesce(:actorDisplay,
                             case :actorType
                                 when 'staff' then (select d.display from staff_display_of(cast(:actorId as bigint)) d)
                                 when 'api_key' then (select k.name from api_keys k where k.id = cast(:actorId as bigint))
                             end),
                    :keyCreatorId, (select d.display from staff_display_of(cast(:keyCreatorId as bigint)) d),
                    :targetType, :targetId,
                    coalesce(:targetDisplay,
                             case :targetType when 'staff' then (select d.display from staff_display_of(cast(:targetId as bigint)) d) end),
                    cast(:changes as jsonb),
                    :requestId, :clientAddress, :userAgent)
            """;

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batches;
    private final JsonMapper json;
    private final ApplicationEventPublisher events;

    AuditTrail(JdbcClient jdbc, NamedParameterJdbcTemplate batches, JsonMapper json, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.batches = batches;
        this.json = json;
        this.events = events;
    }

    @EventListener
    void onChange(DomainEvent event) {
        if (EventBatch.collect(this, event, this::recordAll)) {
            return;
        }
        UUID id = AuditEventIds.of(event.occurredAt());
        jdbc.sql(INSERT).paramSource(row(id, event)).update();
        events.publishEvent(recorded(id, event));
    }

    /** A bulk write's events: the same rows, inserted in one batch. */
    private void recordAll(List<DomainEvent> changes) {
        SqlParameterSource[] rows = new SqlParameterSource[changes.size()];
        List<UUID> ids = new ArrayList<>(changes.size());
        for (int i = 0; i < rows.length; i++) {
            UUID id = AuditEventIds.of(changes.get(i).occurredAt());
            ids.add(id);
            rows[i] = row(id, changes.get(i));
        }
        batches.batchUpdate(INSERT, rows);
        for (int i = 0; i < rows.length; i++) {
            events.publishEvent(recorded(ids.get(i), changes.get(i)));
        }
    }

    private static AuditRecorded recorded(UUID id, DomainEvent event) {
        return new AuditRecorded(
                id,
                event.organizationId(),
                event.target().type(),
                event.target().id());
    }

    private SqlParameterSource row(UUID id, DomainEvent event) {
        Target target = event.target();
        return row(
                id,
                event.type(),
                event.organizationId(),
                event.actor(),
                selfDisplay(event.actor(), target.type(), target.id(), target.display()),
                target.type(),
                target.id(),
                target.display(),
                event.changes(),
                event.occurredAt());
    }

    @EventListener
    void onAccess(AccessEvent event) {
        Long staffId = event.staffId();
        jdbc.sql(INSERT)
                .paramSource(row(
                        AuditEventIds.of(event.occurredAt()),
                        event.type(),
                        event.organizationId(),
                        event.actor(),
                        staffId == null ? null : selfDisplay(event.actor(), Target.STAFF, staffId, event.display()),
                        Target.STAFF,
                        staffId,
                        event.display(),
                        List.of(),
                        event.occurredAt()))
                .update();
    }

    private SqlParameterSource row(
            UUID id,
            String type,
            @Nullable Long organizationId,
            Actor actor,
            @Nullable String actorDisplay,
            String targetType,
            @Nullable Long targetId,
            @Nullable String targetDisplay,
            List<FieldChange> changes,
            Instant occurredAt) {
        RequestOrigin origin = RequestOrigin.current();
        // Typed parameters: a null of unknown type would cost the driver a round trip to learn it.
        return new MapSqlParameterSource()
                .addValue("id", id)
                .addValue("type", type)
                .addValue("occurredAt", Timestamp.from(occurredAt))
                .addValue("organizationId", organizationId, Types.BIGINT)
                .addValue("actorType", actor.type().code())
                .addValue("actorId", actor.id(), Types.BIGINT)
                .addValue("actorDisplay", actorDisplay, Types.VARCHAR)
                .addValue("keyCreatorId", actor.keyCreatorId(), Types.BIGINT)
                .addValue("targetType", targetType)
                .addValue("targetId", targetId, Types.BIGINT)
                .addValue("targetDisplay", targetDisplay, Types.VARCHAR)
                .addValue("changes", json.writeValueAsString(changesJson(changes)))
                .addValue("requestId", origin.requestId())
                .addValue("clientAddress", origin.clientAddress(), Types.VARCHAR)
                .addValue("userAgent", origin.userAgent(), Types.VARCHAR);
    }

    /** A staff member acting on their own account is named as the event names the account. */
    private static @Nullable String selfDisplay(
            Actor actor, String targetType, long targetId, @Nullable String targetDisplay) {
        boolean self = actor.type() == Actor.Type.STAFF
                && Target.STAFF.equals(targetType)
                && actor.id() != null
                && actor.id() == targetId;
        return self ? targetDisplay : null;
    }

    static List<Map<String, Object>> changesJson(List<FieldChange> changes) {
        return changes.stream().map(AuditTrail::changeJson).toList();
    }

    private static Map<String, Object> changeJson(FieldChange change) {
        Map<String, Object> field = new LinkedHashMap<>();
        field.put("field", change.field());
        if (change.secret()) {
            field.put("changed", true);
        } else {
            field.put("from", change.from());
            field.put("to", change.to());
        }
        return field;
    }
}
