package com.staffkit.audit;

import java.util.UUID;

/**
 * A change's audit event was recorded (published in the change's transaction, right after the
 * insert): what listeners need to find it again, such as webhooks keeping the staff member's state
 * after the change with the event.
 *
 * @param id the audit event's id
 * @param organizationId the organization whose data changed
 * @param targetType the kind of aggregate that changed
 * @param targetId its id
 */
public record AuditRecorded(UUID id, long organizationId, String targetType, long targetId) {}
