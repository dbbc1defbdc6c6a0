package com.staffkit.team;

import com.staffkit.common.persistence.TenantOwnedRepository;
import java.util.Collection;
import java.util.Optional;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface TeamRepository extends TenantOwnedRepository<Team> {

    @Query("select t from Team t where t.id = :id and t.organizationId in :organizations")
    @Override
    Optional<Team> findVisible(@Param("id") long id, @Param("organizations") Collection<Long> organizations);
}
