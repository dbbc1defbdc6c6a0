package com.staffkit.team;

import java.util.Collection;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface TeamRepository extends JpaRepository<Team, Long> {

    @Query("select t from Team t where t.id = :id and t.organizationId in :organizations")
    Optional<Team> findVisible(@Param("id") long id, @Param("organizations") Collection<Long> organizations);
}
