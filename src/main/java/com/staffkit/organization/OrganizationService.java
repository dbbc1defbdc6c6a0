package com.staffkit.organization;

import com.staffkit.common.error.ConflictException;
import com.staffkit.common.error.DataIntegrityViolations;
import com.staffkit.common.error.ForbiddenException;
import com.staffkit.common.error.InvalidRequestException;
import com.staffkit.common.error.NotFoundException;
import com.staffkit.common.events.Changes;
import com.staffkit.common.paging.PageRequest;
import com.staffkit.common.paging.PageResponse;
import com.staffkit.common.security.Caller;
import com.staffkit.common.security.Scope;
import com.staffkit.common.web.EntityTags;
import com.staffkit.common.web.IfMatch;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The organization tree. A caller sees its own organization and its descendants; nobody sees
 * upward or sideways, and only a superadmin creates top-level organizations.
 */
@Service
class OrganizationService {

    private final OrganizationRepository repository;
    private final OrganizationQueries queries;
    private final OrganizationDirectory directory;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final EntityTags tags;

    OrganizationService(
            OrganizationRepository repository,
            OrganizationQueries queries,
            OrganizationDirectory directory,
            ApplicationEventPublisher events,
            Clock clock,
            EntityTags tags) {
        this.tags = tags;
        this.repository = repository;
        this.queries = queries;
        this.directory = directory;
        this.events = events;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    PageResponse<OrganizationResponse> list(Caller caller, OrganizationFilter filter, PageRequest page) {
        Scope<Long> visible = caller.organizations();
        return page.fetch(
                (limit, offset) -> queries.list(visible, filter, limit, offset), () -> queries.count(visible, filter));
    }

    @Transactional(readOnly = true)
    OrganizationResponse get(Caller caller, long id) {
        return queries.find(id, caller.organizations()).orElseThrow(() -> notFound(id));
    }

    @Transactional
    OrganizationResponse create(Caller caller, OrganizationRequests.Create request) {
        if (request.parent() == null) {
            if (!caller.allOrganizations()) {
                throw new ForbiddenException(
                        "Only a superadmin creates top-level organizations; give the parent organization.");
            }
        } else {
            loadParent(caller, request.parent());
            if (!directory.isActive(request.parent())) {
                throw InvalidRequestException.forField("parent", "the parent organization is deactivated");
            }
        }
        String name = request.name().trim();
        String slug = request.slug() != null ? request.slug() : freeSlug(name);
        Instant now = clock.instant();
        Organization organization = save(Organization.create(name, slug, request.parent(), now));
        events.publishEvent(OrganizationEvents.created(caller, organization, now));
        // The caller's visible set was computed before this child existed; it is visible from now on.
        return queries.find(organization.id(), Scope.only(Set.of(organization.id())))
                .orElseThrow();
    }

    /** The current state as the PATCH base. */
    @Transactional(readOnly = true)
    OrganizationRequests.Update currentState(Caller caller, long id) {
        OrganizationResponse organization = get(caller, id);
        return new OrganizationRequests.Update(organization.name(), organization.slug(), organization.isActive());
    }

    @Transactional
    OrganizationResponse update(Caller caller, long id, IfMatch ifMatch, OrganizationRequests.Update request) {
        Organization organization = load(caller, id);
        // After the load: a change committed in between fails the version check instead of passing this one.
        ifMatch.check(() -> tags.of(get(caller, id)));
        Instant now = clock.instant();
        Changes changes = organization.rename(request.name().trim(), request.slug(), now);
        if (request.isActive() != null) {
            changeActive(caller, organization, request.isActive(), now, changes);
        }
        save(organization);
        if (!changes.isEmpty()) {
            events.publishEvent(OrganizationEvents.updated(caller, organization, changes, now));
        }
        return get(caller, id);
    }

    /**
     * Deactivates: nothing is deleted. Its staff and those of its descendants cannot log in and their
     * sessions end for good; its keys and theirs stop until it is active again.
     */
    @Transactional
    void deactivate(Caller caller, long id, IfMatch ifMatch) {
        Organization organization = load(caller, id);
        // After the load: a change committed in between fails the version check instead of passing this one.
        ifMatch.check(() -> tags.of(get(caller, id)));
        Instant now = clock.instant();
        Changes changes = Changes.between();
        changeActive(caller, organization, false, now, changes);
        save(organization);
        if (!changes.isEmpty()) {
            events.publishEvent(OrganizationEvents.updated(caller, organization, changes, now));
        }
    }

    private static void changeActive(
            Caller caller, Organization organization, boolean active, Instant now, Changes changes) {
        if (!active && organization.id() == caller.organizationId()) {
            throw new ForbiddenException("You cannot deactivate your own organization.");
        }
        if (organization.setActive(active, now)) {
            changes.field("is_active", !active, active);
        }
    }

    private Organization load(Caller caller, long id) {
        return repository.findVisibleTo(caller, id).orElseThrow(() -> notFound(id));
    }

    /** The parent named in a request: one the caller does not see is a 400 naming the field, not a 404. */
    private Organization loadParent(Caller caller, long id) {
        return repository
                .findVisibleTo(caller, id)
                .orElseThrow(() -> InvalidRequestException.forField("parent", "unknown organization " + id));
    }

    private Organization save(Organization organization) {
        try {
            return repository.saveAndFlush(organization);
        } catch (DataIntegrityViolationException ex) {
            if (DataIntegrityViolations.constraintName(ex)
                    .filter("uk_organizations_slug"::equals)
                    .isPresent()) {
                throw ConflictException.alreadyInUse("slug");
            }
            throw ex;
        }
    }

    /** A slug from the name ("Acme Kadıköy" → "acme-kadikoy"), numbered when taken. */
    private String freeSlug(String name) {
        String base = Normalizer.normalize(name.replace('ı', 'i'), Normalizer.Form.NFD)
                .replaceAll("\\p{M}+", "")
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("(^-+|-+$)", "");
        if (base.isEmpty()) {
            base = "organization";
        }
        if (base.length() > 90) {
            base = base.substring(0, 90).replaceAll("-+$", "");
        }
        String slug = base;
        for (int n = 2; queries.slugTaken(slug); n++) {
            slug = base + "-" + n;
        }
        return slug;
    }

    private static NotFoundException notFound(long id) {
        return new NotFoundException("No organization with id " + id + ".");
    }
}
