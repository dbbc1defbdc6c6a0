package com.staffkit.role;

import com.staffkit.common.persistence.TenantOwnedRepository;
import java.util.Collection;
import java.util.Optional;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface RoleRepository extends TenantOwnedRepository<Role> {

    /** Built-in roles, and custom roles of the given organizations. */
    @Query("select r from Role r where r.id = :id and (r.organizationId is null or r.organizationId in :organizations)")
    @Override
    Optional<Role> findVisible(@Param("id") long id, @Param("organizations") Collection<Long> organizations);
}
