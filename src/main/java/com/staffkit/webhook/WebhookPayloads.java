package com.staffkit.webhook;

import com.staffkit.audit.AuditEventResponse;
import com.staffkit.audit.AuditEvents;
import com.staffkit.common.events.Target;
import com.staffkit.staff.StaffReader;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The body of an event's delivery: {@code {"type", "timestamp", "data"}}, where {@code data} is the
 * audit event as {@code GET /api/v1/audit-events/{id}} shows it, and for an event about a staff
 * member also {@code staff}, the member as {@code GET /api/v1/staffs/{id}} shows it. Made once, at
 * the first attempt, and kept: every retry sends the same bytes.
 */
@Component
class WebhookPayloads {

    private final AuditEvents auditEvents;
    private final StaffReader staff;
    private final JsonMapper json;

    WebhookPayloads(AuditEvents auditEvents, StaffReader staff, JsonMapper json) {
        this.auditEvents = auditEvents;
        this.staff = staff;
        this.json = json;
    }

    /** Empty when the event is no longer kept (past the audit retention). */
    Optional<String> body(long organizationId, UUID eventId) {
        return auditEvents.find(organizationId, eventId).map(event -> {
            ObjectNode data = json.valueToTree(event);
            staffOf(organizationId, event).ifPresent(member -> data.set("staff", json.valueToTree(member)));
            ObjectNode body = json.createObjectNode();
            body.put("type", event.type());
            body.set("timestamp", json.valueToTree(event.occurredAt()));
            body.set("data", data);
            return json.writeValueAsString(body);
        });
    }

    private Optional<?> staffOf(long organizationId, AuditEventResponse event) {
        Long id = event.target().id();
        return Target.STAFF.equals(event.target().type()) && id != null
                ? staff.inOrganization(organizationId, id)
                : Optional.empty();
    }
}
