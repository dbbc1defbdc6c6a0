package com.staffkit.role;

import com.staffkit.common.error.InvalidRequestException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Finds the roles that can be given to a staff member of an organization. */
@Service
@Transactional(readOnly = true)
public class RoleCatalog {

    private final RoleQueries queries;

    RoleCatalog(RoleQueries queries) {
        this.queries = queries;
    }

    /** The built-in roles and the organization's custom roles with these names (case-insensitive). */
    public List<RoleGrant> findAssignable(long organizationId, Collection<String> names) {
        if (names.isEmpty()) {
            return List.of();
        }
        String[] lowered = names.stream().map(n -> n.toLowerCase(Locale.ROOT)).toArray(String[]::new);
        return queries.findAssignable(organizationId, lowered);
    }

    /**
     * Resolves role names (case-insensitive, duplicates collapsed) for a staff member or key of the
     * organization; any unknown name is a 400 naming it.
     */
    // A refusal (unknown roles) must not doom the caller's transaction: a bulk request refuses that
    // item and goes on with the others.
    @Transactional(readOnly = true, noRollbackFor = InvalidRequestException.class)
    public List<RoleGrant> resolve(long organizationId, Collection<String> names) {
        Set<String> wanted = names.stream()
                .map(name -> name.trim().toLowerCase(Locale.ROOT))
                .collect(Collectors.toCollection(LinkedHashSet::new));
        List<RoleGrant> found = findAssignable(organizationId, wanted);
        Set<String> foundNames =
                found.stream().map(r -> r.name().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        List<String> unknown =
                wanted.stream().filter(n -> !foundNames.contains(n)).toList();
        if (!unknown.isEmpty()) {
            throw InvalidRequestException.forField("roles", "unknown roles: " + String.join(", ", unknown));
        }
        return found;
    }

    public List<RoleGrant> findByIds(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return queries.findGrants(ids);
    }

    public Optional<RoleGrant> findBuiltIn(String name) {
        return queries.findBuiltIn(name);
    }
}
