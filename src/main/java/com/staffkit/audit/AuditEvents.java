package com.staffkit.audit;

import com.staffkit.common.security.Scope;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** The audit trail as other modules read it: one event of one organization (webhooks send it). */
@Component
public class AuditEvents {

    private final AuditQueries queries;

    AuditEvents(AuditQueries queries) {
        this.queries = queries;
    }

    public Optional<AuditEventResponse> find(long organizationId, UUID id) {
        return queries.findById(Scope.only(List.of(organizationId)), id);
    }
}
