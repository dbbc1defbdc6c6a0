package com.staffkit.organization;

import java.util.Collection;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface OrganizationRepository extends JpaRepository<Organization, Long> {

    @Query("select o from Organization o where o.id = :id and o.id in :organizations")
    Optional<Organization> findVisible(@Param("id") long id, @Param("organizations") Collection<Long> organizations);
}
