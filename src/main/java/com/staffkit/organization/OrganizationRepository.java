package com.staffkit.organization;

import com.staffkit.common.persistence.TenantOwnedRepository;
import java.util.Collection;
import java.util.Optional;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface OrganizationRepository extends TenantOwnedRepository<Organization> {

    @Query("select o from Organization o where o.id = :id and o.id in :organizations")
    @Override
    Optional<Organization> findVisible(@Param("id") long id, @Param("organizations") Collection<Long> organizations);
}
