package com.staffkit.role;

import java.util.Collection;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface RoleRepository extends JpaRepository<Role, Long> {

    /** Built-in roles, and custom roles of the given organizations. */
    @Query("select r from Role r where r.id = :id and (r.organizationId is null or r.organizationId in :organizations)")
    Optional<Role> findVisible(@Param("id") long id, @Param("organizations") Collection<Long> organizations);
}
