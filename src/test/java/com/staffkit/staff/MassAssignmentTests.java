package com.staffkit.staff;

import static org.assertj.core.api.Assertions.assertThat;

import com.staffkit.support.ApiResponse;
import com.staffkit.support.IntegrationTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Nobody raises their own privileges by sending fields they may not set. */
class MassAssignmentTests extends IntegrationTest {

    private Map<String, Object> row(long id) {
        return jdbc.sql("""
                        select s.organization_id, s.is_active,
                               array_to_string(array(select r.name from staff_roles sr join roles r on r.id = sr.role_id
                                                     where sr.staff_id = s.id order by r.name), ',') as roles
                        from staff s where s.id = :id""").param("id", id).query().singleRow();
    }

    @Test
    void memberCannotPatchTheirOwnPrivilegedFields() {
        Member member = member();
        Map<String, Object> before = row(member.id());

        for (Map<String, Object> patch : List.of(
                Map.<String, Object>of("roles", List.of("admin")),
                Map.<String, Object>of("is_active", false),
                Map.<String, Object>of("organization", 1),
                Map.<String, Object>of("is_superuser", true),
                Map.<String, Object>of("permissions", List.of("staff:write")))) {
            ApiResponse response = api.patch("/api/v1/staffs/" + member.id())
                    .token(member.token())
                    .json(patch)
                    .send();
            assertThat(response.status()).as(patch.toString()).isIn(400, 403);
        }
        assertThat(row(member.id())).isEqualTo(before);
    }

    @Test
    void managerCannotGrantThemselvesRolesOrMoveOrganization() {
        long organization = newOrganization("Mass Assignment");
        Member manager = member(organization, "manager");
        Map<String, Object> before = row(manager.id());

        ApiResponse roles = api.patch("/api/v1/staffs/" + manager.id())
                .token(manager.token())
                .json(Map.of("roles", List.of("admin")))
                .send();
        ApiResponse superuser = api.patch("/api/v1/staffs/" + manager.id())
                .token(manager.token())
                .json(Map.of("is_superuser", true))
                .send();
        ApiResponse moved = api.patch("/api/v1/staffs/" + manager.id())
                .token(manager.token())
                .json(Map.of("organization", defaultOrganization()))
                .send();

        assertThat(roles.status()).isEqualTo(403);
        assertThat(superuser.status()).isEqualTo(400);
        assertThat(superuser.json().get("errors").get(0).get("field").asString())
                .isEqualTo("is_superuser");
        assertThat(moved.status()).isEqualTo(200);
        assertThat(moved.json().get("organization").asLong()).isEqualTo(organization);
        assertThat(row(manager.id())).isEqualTo(before);
    }

    @Test
    void adminCannotChangeTheirOwnRolesOrDeactivateThemselves() {
        long organization = newOrganization("Self Service");
        Member admin = member(organization, "admin");

        ApiResponse roles = api.patch("/api/v1/staffs/" + admin.id())
                .token(admin.token())
                .json(Map.of("roles", List.of("admin", "manager")))
                .send();
        ApiResponse deactivate =
                api.delete("/api/v1/staffs/" + admin.id()).token(admin.token()).send();
        ApiResponse deactivateByPatch = api.patch("/api/v1/staffs/" + admin.id())
                .token(admin.token())
                .json(Map.of("is_active", false))
                .send();

        assertThat(roles.status()).isEqualTo(403);
        assertThat(deactivate.status()).isEqualTo(403);
        assertThat(deactivateByPatch.status()).isEqualTo(403);
        assertThat(row(admin.id())).containsEntry("is_active", true).containsEntry("roles", "admin");
    }
}
