package com.staffkit.audit;

import com.staffkit.common.persistence.SqlWhere;
import com.staffkit.common.security.Scope;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Reads the audit trail: newest first by id, in the caller's visible organizations only. */
@Component
class AuditQueries {

    private static final String COLUMNS = """
            select e.id, e.type, e.occurred_at, e.organization_id,
                   e.actor_type, e.actor_id, e.actor_display, e.actor_key_creator_id, e.actor_key_creator_display,
                   e.target_type, e.target_id, e.target_display, e.changes::text as changes,
                   e.request_id, e.client_address, e.user_agent
            from audit_events e""";

    private static final TypeReference<List<Map<String, Object>>> CHANGES = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JsonMapper json;

    AuditQueries(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * Up to {@code limit} events matching the filter, older than {@code before} when given. Only an
     * "all organizations" caller sees events of no organization (a failed login of an unknown
     * identifier).
     *
     * @param historyOf a staff member: only events with them as target or as actor
     */
    List<AuditEventResponse> find(
            Scope<Long> organizations,
            AuditEventFilter filter,
            @Nullable Long historyOf,
            @Nullable UUID before,
            int limit) {
        SqlWhere where = new SqlWhere();
        visibleIn(where, organizations);
        filter.addTo(where);
        if (historyOf != null) {
            where.and(
                    "((e.target_type = 'staff' and e.target_id = :historyOf) or (e.actor_type = 'staff' and e.actor_id = :historyOf))",
                    "historyOf",
                    historyOf);
        }
        if (before != null) {
            where.and("e.id < :before", "before", before);
        }
        return jdbc.sql(COLUMNS + where.sql() + " order by e.id desc limit :limit")
                .params(where.params())
                .param("limit", limit)
                .query(this::event)
                .list();
    }

    /**
     * One event. Its id carries the millisecond it occurred (UUIDv7), so the statement names that
     * moment too and PostgreSQL probes one month's partition instead of every month's (two
     * milliseconds: a time stored to the microsecond may round up into the next one).
     */
    Optional<AuditEventResponse> findById(Scope<Long> organizations, UUID id) {
        Instant at = AuditEventIds.timeOf(id);
        SqlWhere where = new SqlWhere()
                .and("e.id = :id", "id", id)
                .and("e.occurred_at >= :from", "from", Timestamp.from(at))
                .and("e.occurred_at < :to", "to", Timestamp.from(at.plusMillis(2)));
        visibleIn(where, organizations);
        return jdbc.sql(COLUMNS + where.sql())
                .params(where.params())
                .query(this::event)
                .optional();
    }

    /**
     * The caller's organizations. One organization (an organization's admin, the usual caller) is an
     * equality: with it the (organization_id, type, id desc) index reads one type newest first, and
     * its partitions merge without a sort; "= any" of a one-element array plans as a set of values.
     */
    private static void visibleIn(SqlWhere where, Scope<Long> organizations) {
        if (organizations instanceof Scope.Only<Long> only && only.members().size() == 1) {
            where.and(
                    "e.organization_id = :visibleOrganization",
                    "visibleOrganization",
                    only.members().iterator().next());
        } else {
            where.andIn("e.organization_id", "visible", organizations);
        }
    }

    /** jsonb keeps an object's keys by length: a change reads field, from, to (or changed) again. */
    private static Map<String, Object> inOrder(Map<String, Object> change) {
        Map<String, Object> ordered = new LinkedHashMap<>();
        for (String key : List.of("field", "from", "to", "changed")) {
            if (change.containsKey(key)) {
                ordered.put(key, change.get(key));
            }
        }
        return ordered;
    }

    private AuditEventResponse event(ResultSet rs, int row) throws SQLException {
        AuditEventResponse.Party creator = rs.getObject("actor_key_creator_id") == null
                ? null
                : new AuditEventResponse.Party(
                        "staff", rs.getLong("actor_key_creator_id"), rs.getString("actor_key_creator_display"), null);
        return new AuditEventResponse(
                rs.getObject("id", UUID.class),
                rs.getString("type"),
                rs.getTimestamp("occurred_at").toInstant(),
                (Long) rs.getObject("organization_id"),
                new AuditEventResponse.Party(
                        rs.getString("actor_type"),
                        (Long) rs.getObject("actor_id"),
                        rs.getString("actor_display"),
                        creator),
                new AuditEventResponse.Party(
                        rs.getString("target_type"),
                        (Long) rs.getObject("target_id"),
                        rs.getString("target_display"),
                        null),
                json.readValue(rs.getString("changes"), CHANGES).stream()
                        .map(AuditQueries::inOrder)
                        .toList(),
                rs.getString("request_id"),
                rs.getString("client_address"),
                rs.getString("user_agent"));
    }
}
