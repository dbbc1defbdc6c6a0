package com.staffkit.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.staffkit.support.IntegrationTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;

/** The suite's database starts empty, so a started context proves the migrations apply on one. */
class MigrationTests extends IntegrationTest {

    @Test
    void everyMigrationAppliedSuccessfully() {
        List<Boolean> results = jdbc.sql("select success from flyway_schema_history where version is not null")
                .query(Boolean.class)
                .list();
        assertThat(results).hasSizeGreaterThanOrEqualTo(5).containsOnly(true);
    }

    @Test
    void freshDatabaseHasDefaultOrganizationBuiltInRolesAndServiceUser() {
        assertThat(defaultOrganization()).isPositive();
        List<String> roles = jdbc.sql("select name from roles where is_built_in order by id")
                .query(String.class)
                .list();
        assertThat(roles).containsExactly("superadmin", "owner", "admin", "manager", "member", "worker");
        Long serviceUsers = jdbc.sql("select count(*) from staff where is_service_user and organization_id = :id")
                .param("id", defaultOrganization())
                .query(Long.class)
                .single();
        assertThat(serviceUsers).isEqualTo(1);
    }

    @Test
    void partialSearchHasTrigramIndex() {
        String definition = jdbc.sql("select indexdef from pg_indexes where indexname = 'ix_staff_search_text'")
                .query(String.class)
                .single();
        assertThat(definition).contains("gin").contains("gin_trgm_ops");
    }

    @Test
    void noCustomRoleCarriesABuiltInNameEvenWrittenBySql() {
        assertThatThrownBy(() -> jdbc.sql("insert into roles (organization_id, name) values (:organization, 'Admin')")
                        .param("organization", defaultOrganization())
                        .update())
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("ck_roles_custom_name_not_built_in");
    }

    @Test
    void builtInRolesCarryTheStoreAndLoginFlagsTheirNamesStoodFor() {
        List<String> flags = jdbc.sql("""
                        select name || ':' || grants_all_stores || ',' || scopes_to_assigned_stores || ',' || allows_login
                        from roles where is_built_in order by id
                        """).query(String.class).list();
        assertThat(flags)
                .containsExactly(
                        "superadmin:true,false,true",
                        "owner:true,false,true",
                        "admin:true,false,true",
                        "manager:false,true,true",
                        "member:false,false,true",
                        "worker:false,false,false");
    }

    @Test
    void aCustomRoleNeverGrantsAllStoresScopesOrStopsLoginEvenWrittenBySql() {
        assertThatThrownBy(() -> jdbc.sql("""
                                insert into roles (organization_id, name, grants_all_stores)
                                values (:organization, 'Regional lead', true)
                                """)
                        .param("organization", defaultOrganization())
                        .update())
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("ck_roles_custom_flags_default");
    }
}
