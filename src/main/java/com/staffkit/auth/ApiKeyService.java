package com.staffkit.auth;

import com.staffkit.common.error.ForbiddenException;
import com.staffkit.common.error.InvalidRequestException;
import com.staffkit.common.error.NotFoundException;
import com.staffkit.common.events.DomainEvent;
import com.staffkit.common.paging.PageRequest;
import com.staffkit.common.paging.PageResponse;
import com.staffkit.common.security.Caller;
import com.staffkit.common.security.Scope;
import com.staffkit.common.security.Secrets;
import com.staffkit.role.RoleCatalog;
import com.staffkit.role.RoleEvents;
import com.staffkit.role.RoleGrant;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** API keys for integration partners: minted once, stored as a hash, revoked at once. */
@Service
class ApiKeyService {

    static final String KEY_PREFIX = "sk_";
    private static final int VISIBLE_PREFIX_LENGTH = KEY_PREFIX.length() + 8;
    /** {@code last_used_at} is written at most this often per key, not on every request. */
    private static final Duration LAST_USED_PRECISION = Duration.ofMinutes(1);
    /** The end of the four-digit years: beyond it, a time is neither JDBC's nor every client's to represent. */
    static final Instant LATEST_EXPIRY = Instant.parse("+10000-01-01T00:00:00Z");

    private final ApiKeyRepository keys;
    private final RoleCatalog roles;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ApiKeyService(ApiKeyRepository keys, RoleCatalog roles, ApplicationEventPublisher events, Clock clock) {
        this.keys = keys;
        this.roles = roles;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    ApiKeyResponse create(Caller caller, CreateApiKeyRequest request) {
        // A key's power is bounded by its creator's; a key minting keys would escape that bound.
        caller.requireStaff("An API key cannot create API keys; log in as a staff member.");
        if (!caller.storeScope().isAll()) {
            // A key follows its creator's store scope, but keys serve integrations of the whole
            // organization: only callers who manage every store mint them.
            throw new ForbiddenException("A store-scoped caller cannot create API keys.");
        }
        Instant now = clock.instant();
        if (request.expiresAt() != null && !request.expiresAt().isAfter(now)) {
            throw InvalidRequestException.forField("expires_at", "must be in the future");
        }
        if (request.expiresAt() != null && !request.expiresAt().isBefore(LATEST_EXPIRY)) {
            throw InvalidRequestException.forField("expires_at", "must be before the year 10000");
        }
        List<RoleGrant> grants = roles.resolve(caller.organizationId(), request.roles());
        for (RoleGrant role : grants) {
            if (role.isSuperadmin()) {
                throw InvalidRequestException.forField(
                        "roles", "an API key acts within one organization; superadmin cannot be given to it");
            }
            if (!role.isGrantableBy(caller)) {
                throw new ForbiddenException("You cannot give the role '" + role.name()
                        + "' to a key: it carries permissions you do not hold.");
            }
        }
        String scimDefaultRole = scimDefaultRole(caller, request.scimDefaultRole());
        String secret = KEY_PREFIX + Secrets.newSecret();
        long id = keys.insert(
                caller.organizationId(),
                request.name().trim(),
                secret.substring(0, VISIBLE_PREFIX_LENGTH),
                Secrets.sha256(secret),
                caller.staffId(),
                now,
                request.expiresAt(),
                scimDefaultRole,
                grants.stream().map(RoleGrant::id).toList());
        ApiKeyRepository.ApiKeyRow created = keys.find(id, Scope.all()).orElseThrow();
        events.publishEvent(ApiKeyEvents.created(caller, created, now));
        return ApiKeyResponse.created(created, secret);
    }

    /**
     * The role a key gives staff it creates through SCIM, as the organization names it; checked to
     * exist now (whether the key may grant it is checked at each create, by the staff rules).
     */
    private @Nullable String scimDefaultRole(Caller caller, @Nullable String requested) {
        if (requested == null || requested.isBlank()) {
            return null;
        }
        RoleGrant role;
        try {
            role = roles.resolve(caller.organizationId(), List.of(requested.trim()))
                    .getFirst();
        } catch (InvalidRequestException ex) {
            throw InvalidRequestException.forField("scim_default_role", "unknown role " + requested.trim());
        }
        if (role.isSuperadmin()) {
            throw InvalidRequestException.forField("scim_default_role", "superadmin cannot be given through SCIM");
        }
        return role.name();
    }

    @Transactional(readOnly = true)
    PageResponse<ApiKeyResponse> list(Caller caller, PageRequest page) {
        Scope<Long> organizations = caller.organizations();
        return page.fetch(
                (limit, offset) -> keys.list(organizations, limit, offset),
                () -> keys.count(organizations),
                ApiKeyResponse::listed);
    }

    @Transactional(readOnly = true)
    ApiKeyResponse get(Caller caller, long id) {
        return ApiKeyResponse.listed(load(caller, id));
    }

    @Transactional
    void revoke(Caller caller, long id) {
        ApiKeyRepository.ApiKeyRow key = load(caller, id);
        Instant now = clock.instant();
        if (keys.revoke(id, now)) {
            events.publishEvent(ApiKeyEvents.revoked(caller, key, now));
        }
    }

    /** A key of the caller's organizations; any other is reported like a missing one. */
    private ApiKeyRepository.ApiKeyRow load(Caller caller, long id) {
        return keys.find(id, caller.organizations())
                .orElseThrow(() -> new NotFoundException("No API key with id " + id + "."));
    }

    /**
     * Whether a presented secret is an API key rather than an access token: the one rule that tells
     * them apart in {@code Authorization: Bearer}. Access tokens never start with the prefix ({@link
     * SessionService} draws again when one would).
     */
    static boolean isKey(String secret) {
        return secret.startsWith(KEY_PREFIX);
    }

    /**
     * The caller behind a key, or empty for an unknown, revoked or expired one: one statement, and
     * at most once a minute a second one recording the use, each without a surrounding transaction.
     */
    Optional<ResolvedCaller> resolve(String secret) {
        Instant now = clock.instant();
        return keys.findCaller(Secrets.sha256(secret), now).map(found -> {
            if (found.lastUsedAt() == null || found.lastUsedAt().isBefore(now.minus(LAST_USED_PRECISION))) {
                keys.touch(found.caller().apiKeyId(), now);
            }
            return new ResolvedCaller(found.caller(), found.expiresAt());
        });
    }

    /** Keys holding a deleted role drop it, in the transaction that deletes it. */
    @EventListener
    void onRoleDeleted(DomainEvent event) {
        if (event.is(RoleEvents.DELETED)) {
            keys.removeRole(event.target().id());
        }
    }
}
