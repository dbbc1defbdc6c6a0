package com.staffkit.audit;

import com.staffkit.common.events.AccessEvent;
import com.staffkit.common.events.Actor;
import com.staffkit.common.events.DomainEvent;
import com.staffkit.common.events.EventBatch;
import com.staffkit.common.events.FieldChange;
import com.staffkit.common.events.Target;
import com.staffkit.common.web.RequestOrigin;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
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

    /**
     * One statement for one event or a bulk write's thousand: the rows come in as arrays, one per
     * column, and the displays are looked up per row inside the statement.
     */
    private static final String INSERT = """
            insert into audit_events (id, type, occurred_at, organization_id,
                                      actor_type, actor_id, actor_display, actor_key_creator_id, actor_key_creator_display,
                                      target_type, target_id, target_display, changes,
                                      request_id, client_address, user_agent)
            select e.id, e.type, e.occurred_at, e.organization_id,
                   e.actor_type, e.actor_id,
                   coalesce(e.actor_display,
                            case e.actor_type
                                when 'staff' then (select d.display from staff_display_of(e.actor_id) d)
                                when 'api_key' then (select k.name from api_keys k where k.id = e.actor_id)
                            end),
                   e.key_creator_id, (select d.display from staff_display_of(e.key_creator_id) d),
                   e.target_type, e.target_id,
                   coalesce(e.target_display,
                            case e.target_type when 'staff' then (select d.display from staff_display_of(e.target_id) d) end),
                   e.changes,
                   e.request_id, e.client_address, e.user_agent
            from unnest(cast(:ids as uuid[]), cast(:types as text[]), cast(:occurredAt as timestamptz[]),
                        cast(:organizationIds as bigint[]), cast(:actorTypes as text[]), cast(:actorIds as bigint[]),
                        cast(:actorDisplays as text[]), cast(:keyCreatorIds as bigint[]), cast(:targetTypes as text[]),
                        cast(:targetIds as bigint[]), cast(:targetDisplays as text[]), cast(:changes as jsonb[]),
                        cast(:requestIds as text[]), cast(:clientAddresses as text[]), cast(:userAgents as text[]))
                 as e(id, type, occurred_at, organization_id, actor_type, actor_id, actor_display, key_creator_id,
                      target_type, target_id, target_display, changes, request_id, client_address, user_agent)
            """;

    /** One row of {@code audit_events} as the statement takes it. */
    private record Row(
            UUID id,
            String type,
            Instant occurredAt,
            @Nullable Long organizationId,
            Actor actor,
            @Nullable String actorDisplay,
            String targetType,
            @Nullable Long targetId,
            @Nullable String targetDisplay,
            String changes,
            RequestOrigin origin) {}

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final ApplicationEventPublisher events;

    AuditTrail(JdbcClient jdbc, JsonMapper json, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.json = json;
        this.events = events;
    }

    @EventListener
    void onChange(DomainEvent event) {
        // The origin as the event is published: a batch may hold the events of several requests.
        Row row = row(event, RequestOrigin.current());
        if (EventBatch.collect(this, new Recorded(event, row), this::recordAll)) {
            return;
        }
        recordAll(List.of(new Recorded(event, row)));
    }

    private record Recorded(DomainEvent event, Row row) {}

    /** Events as rows, in one statement (a bulk write's in one batch). */
    private void recordAll(List<Recorded> changes) {
        List<Row> rows = changes.stream().map(Recorded::row).toList();
        insert(rows);
        for (int i = 0; i < rows.size(); i++) {
            DomainEvent event = changes.get(i).event();
            events.publishEvent(new AuditRecorded(
                    rows.get(i).id(),
                    event.organizationId(),
                    event.target().type(),
                    event.target().id()));
        }
    }

    @EventListener
    void onAccess(AccessEvent event) {
        Long staffId = event.staffId();
        insert(List.of(new Row(
                AuditEventIds.of(event.occurredAt()),
                event.type(),
                event.occurredAt(),
                event.organizationId(),
                event.actor(),
                staffId == null ? null : selfDisplay(event.actor(), Target.STAFF, staffId, event.display()),
                Target.STAFF,
                staffId,
                event.display(),
                "[]",
                RequestOrigin.current())));
    }

    private Row row(DomainEvent event, RequestOrigin origin) {
        Target target = event.target();
        return new Row(
                AuditEventIds.of(event.occurredAt()),
                event.type(),
                event.occurredAt(),
                event.organizationId(),
                event.actor(),
                selfDisplay(event.actor(), target.type(), target.id(), target.display()),
                target.type(),
                target.id(),
                target.display(),
                json.writeValueAsString(changesJson(event.changes())),
                origin);
    }

    private void insert(List<Row> rows) {
        jdbc.sql(INSERT)
                .param("ids", rows.stream().map(row -> row.id().toString()).toArray(String[]::new))
                .param("types", rows.stream().map(Row::type).toArray(String[]::new))
                .param(
                        "occurredAt",
                        rows.stream().map(row -> row.occurredAt().toString()).toArray(String[]::new))
                .param("organizationIds", rows.stream().map(Row::organizationId).toArray(Long[]::new))
                .param(
                        "actorTypes",
                        rows.stream().map(row -> row.actor().type().code()).toArray(String[]::new))
                .param("actorIds", rows.stream().map(row -> row.actor().id()).toArray(Long[]::new))
                .param("actorDisplays", rows.stream().map(Row::actorDisplay).toArray(String[]::new))
                .param(
                        "keyCreatorIds",
                        rows.stream().map(row -> row.actor().keyCreatorId()).toArray(Long[]::new))
                .param("targetTypes", rows.stream().map(Row::targetType).toArray(String[]::new))
                .param("targetIds", rows.stream().map(Row::targetId).toArray(Long[]::new))
                .param("targetDisplays", rows.stream().map(Row::targetDisplay).toArray(String[]::new))
                .param("changes", rows.stream().map(Row::changes).toArray(String[]::new))
                .param(
                        "requestIds",
                        rows.stream().map(row -> row.origin().requestId()).toArray(String[]::new))
                .param(
                        "clientAddresses",
                        rows.stream().map(row -> row.origin().clientAddress()).toArray(String[]::new))
                .param(
                        "userAgents",
                        rows.stream().map(row -> row.origin().userAgent()).toArray(String[]::new))
                .update();
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
