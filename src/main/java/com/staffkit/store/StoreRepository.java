package com.staffkit.store;

import com.staffkit.common.persistence.TenantOwnedRepository;
import java.util.Collection;
import java.util.Optional;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface StoreRepository extends TenantOwnedRepository<Store> {

    @Query("select s from Store s where s.id = :id and s.organizationId in :organizations")
    @Override
    Optional<Store> findVisible(@Param("id") long id, @Param("organizations") Collection<Long> organizations);
}
