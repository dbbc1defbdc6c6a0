package com.staffkit.store;

import com.staffkit.common.error.ConflictException;
import com.staffkit.common.error.DataIntegrityViolations;
import com.staffkit.common.error.InvalidRequestException;
import com.staffkit.common.error.NotFoundException;
import com.staffkit.common.events.Changes;
import com.staffkit.common.paging.PageRequest;
import com.staffkit.common.paging.PageResponse;
import com.staffkit.common.security.Caller;
import com.staffkit.common.security.Scope;
import com.staffkit.common.web.EntityTags;
import com.staffkit.common.web.IfMatch;
import com.staffkit.organization.OrganizationDirectory;
import com.staffkit.staff.StaffDirectory;
import com.staffkit.staff.StaffResponse;
import java.time.Clock;
import java.time.Instant;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Stores of an organization; deleting one deactivates it, so assignments and history stay. */
@Service
class StoreService {

    private final StoreRepository repository;
    private final StoreQueries queries;
    private final StaffDirectory staffDirectory;
    private final OrganizationDirectory organizations;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final EntityTags tags;

    StoreService(
            StoreRepository repository,
            StoreQueries queries,
            StaffDirectory staffDirectory,
            OrganizationDirectory organizations,
            ApplicationEventPublisher events,
            Clock clock,
            EntityTags tags) {
        this.tags = tags;
        this.repository = repository;
        this.queries = queries;
        this.staffDirectory = staffDirectory;
        this.organizations = organizations;
        this.events = events;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    PageResponse<StoreResponse> list(Caller caller, StoreFilter filter, PageRequest page) {
        Scope<Long> visible = caller.organizations();
        return page.fetch(
                (limit, offset) -> queries.list(visible, filter, limit, offset), () -> queries.count(visible, filter));
    }

    @Transactional(readOnly = true)
    StoreResponse get(Caller caller, long id) {
        return queries.find(id, caller.organizations()).orElseThrow(() -> notFound(id));
    }

    @Transactional
    StoreResponse create(Caller caller, StoreRequest request) {
        checkCountry(request);
        long organizationId = request.organization() == null ? caller.organizationId() : request.organization();
        if (!caller.canSee(organizationId) || !organizations.isActive(organizationId)) {
            throw InvalidRequestException.forField("organization", "unknown organization " + organizationId);
        }
        Instant now = clock.instant();
        Store store = save(Store.create(organizationId, request, now));
        events.publishEvent(StoreEvents.created(caller, store, now));
        return get(caller, store.id());
    }

    @Transactional(readOnly = true)
    StoreRequest currentState(Caller caller, long id) {
        StoreResponse store = get(caller, id);
        return new StoreRequest(
                null,
                store.name(),
                store.email(),
                store.phoneNumber(),
                store.remoteId(),
                store.isActive(),
                store.address());
    }

    /** A full replace; the organization never changes. */
    @Transactional
    StoreResponse replace(Caller caller, long id, IfMatch ifMatch, StoreRequest request) {
        checkCountry(request);
        Store store = load(caller, id);
        // After the load: a change committed in between fails the version check instead of passing this one.
        ifMatch.check(() -> tags.of(get(caller, id)));
        boolean wasActive = store.isActive();
        Instant now = clock.instant();
        Changes changes = store.change(request, now);
        save(store);
        if (wasActive && !store.isActive()) {
            staffDirectory.leaveStore(caller, store.id());
        }
        if (!changes.isEmpty()) {
            events.publishEvent(StoreEvents.updated(caller, store, changes, now));
        }
        return get(caller, id);
    }

    @Transactional
    void deactivate(Caller caller, long id, IfMatch ifMatch) {
        Store store = load(caller, id);
        // After the load: a change committed in between fails the version check instead of passing this one.
        ifMatch.check(() -> tags.of(get(caller, id)));
        Instant now = clock.instant();
        if (store.deactivate(now)) {
            save(store);
            staffDirectory.leaveStore(caller, store.id());
            events.publishEvent(StoreEvents.deactivated(caller, store, now));
        }
    }

    /** ISO 3166-1 alpha-2: an assigned code, not merely two letters. */
    private static void checkCountry(StoreRequest request) {
        String country = request.address() == null ? null : request.address().country();
        if (country != null && !country.isBlank() && !ISO_COUNTRIES.contains(country)) {
            throw InvalidRequestException.forField("address.country", "must be an ISO 3166-1 alpha-2 code such as TR");
        }
    }

    private static final java.util.Set<String> ISO_COUNTRIES =
            java.util.Locale.getISOCountries(java.util.Locale.IsoCountryCode.PART1_ALPHA2);

    @Transactional(readOnly = true)
    PageResponse<StaffResponse> staff(Caller caller, long id, boolean includeInactive, PageRequest page) {
        load(caller, id);
        return staffDirectory.storeStaff(caller, id, includeInactive, page);
    }

    private Store load(Caller caller, long id) {
        return repository.findVisibleTo(caller, id).orElseThrow(() -> notFound(id));
    }

    private Store save(Store store) {
        try {
            return repository.saveAndFlush(store);
        } catch (DataIntegrityViolationException ex) {
            if (DataIntegrityViolations.constraintName(ex)
                    .filter("uk_stores_organization_remote_id"::equals)
                    .isPresent()) {
                throw ConflictException.alreadyInUse("remote_id");
            }
            throw ex;
        }
    }

    private static NotFoundException notFound(long id) {
        return new NotFoundException("No store with id " + id + ".");
    }
}
