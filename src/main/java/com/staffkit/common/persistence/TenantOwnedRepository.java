package com.staffkit.common.persistence;

import com.staffkit.common.security.Caller;
import com.staffkit.common.security.Scope;
import java.util.Collection;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.repository.NoRepositoryBean;

/**
 * A repository of rows owned by organizations. Each declares {@link #findVisible} with its query;
 * {@link #findVisibleTo} is the one way services load a row for a caller, so rows of other tenants
 * are simply not found.
 */
@NoRepositoryBean
public interface TenantOwnedRepository<T> extends JpaRepository<T, Long> {

    Optional<T> findVisible(long id, Collection<Long> organizations);

    /** The row if the caller may see it: a superadmin sees every organization's. */
    default Optional<T> findVisibleTo(Caller caller, long id) {
        return switch (caller.organizations()) {
            case Scope.All<Long> all -> findById(id);
            case Scope.Only<Long> only -> findVisible(id, only.members());
        };
    }
}
