package com.staffkit.staff;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface StaffRepository extends JpaRepository<Staff, Long> {

    @Query("select s from Staff s where s.id = :id and s.organizationId in :organizations")
    Optional<Staff> findVisible(@Param("id") long id, @Param("organizations") java.util.Collection<Long> organizations);
}
