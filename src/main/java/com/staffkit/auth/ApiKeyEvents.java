package com.staffkit.auth;

import com.staffkit.common.events.Actor;
import com.staffkit.common.events.DomainEvent;
import com.staffkit.common.events.FieldChange;
import com.staffkit.common.events.Target;
import com.staffkit.common.security.Caller;
import java.time.Instant;
import java.util.List;

/** The events of an API key's changes, one per change; the key's secret never appears in them. */
final class ApiKeyEvents {

    static final String CREATED = "api_key.created";
    static final String REVOKED = "api_key.revoked";

    private ApiKeyEvents() {}

    static DomainEvent created(Caller caller, ApiKeyRepository.ApiKeyRow key, Instant now) {
        return event(CREATED, caller, key, List.of(FieldChange.of("roles", null, key.roles())), now);
    }

    static DomainEvent revoked(Caller caller, ApiKeyRepository.ApiKeyRow key, Instant now) {
        return event(REVOKED, caller, key, List.of(), now);
    }

    private static DomainEvent event(
            String type, Caller caller, ApiKeyRepository.ApiKeyRow key, List<FieldChange> changes, Instant now) {
        return new DomainEvent(
                type,
                key.organizationId(),
                Actor.of(caller),
                new Target(Target.API_KEY, key.id(), key.name()),
                changes,
                now);
    }
}
