package com.staffkit.role;

import com.staffkit.common.error.InvalidRequestException;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Finds the roles that can be given to a staff member of an organization. */
@Service
@Transactional(readOnly = true)
public class RoleCatalog {

    private final JdbcClient jdbc;

    RoleCatalog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The built-in roles and the organization's custom roles with these names (case-insensitive). */
    public List<RoleGrant> findAssignable(long organizationId, Collection<String> names) {
        if (names.isEmpty()) {
            return List.of();
        }
        String[] lowered = names.stream().map(n -> n.toLowerCase(Locale.ROOT)).toArray(String[]::new);
        return jdbc.sql("""
                        select id, name, is_built_in, permissions from roles
                        where lower(name) = any(:names)
                          and (organization_id is null or organization_id = :organizationId)
                        order by id
                        """)
                .param("names", lowered)
                .param("organizationId", organizationId)
                .query(RoleCatalog::grant)
                .list();
    }

    /**
     * Resolves role names (case-insensitive, duplicates collapsed) for a staff member or key of the
     * organization; any unknown name is a 400 naming it.
     */
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
        return jdbc.sql("select id, name, is_built_in, permissions from roles where id = any(:ids) order by id")
                .param("ids", ids.toArray(Long[]::new))
                .query(RoleCatalog::grant)
                .list();
    }

    public Optional<RoleGrant> findBuiltIn(String name) {
        return jdbc.sql("select id, name, is_built_in, permissions from roles where is_built_in and name = :name")
                .param("name", name)
                .query(RoleCatalog::grant)
                .optional();
    }

    private static RoleGrant grant(ResultSet rs, int row) throws SQLException {
        Array permissions = rs.getArray("permissions");
        return new RoleGrant(rs.getLong("id"), rs.getString("name"), rs.getBoolean("is_built_in"), Set.of((String[])
                permissions.getArray()));
    }
}
