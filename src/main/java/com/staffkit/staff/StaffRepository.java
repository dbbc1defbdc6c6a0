package com.staffkit.staff;

import com.staffkit.common.persistence.TenantOwnedRepository;
import java.util.Optional;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface StaffRepository extends TenantOwnedRepository<Staff> {

    @Query("select s from Staff s where s.id = :id and s.organizationId in :organizations")
    @Override
    Optional<Staff> findVisible(@Param("id") long id, @Param("organizations") java.util.Collection<Long> organizations);
}
