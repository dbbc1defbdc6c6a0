package com.staffkit.staff;

import static org.assertj.core.api.Assertions.assertThat;

import com.staffkit.role.RoleGrant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Who may log in, without Spring or a database. */
class LoginRulesTests {

    @Nested
    class Accounts {

        @Test
        void anActiveActivatedAccountOfAnOrganizationInForceWithALoginRoleLogsIn() {
            assertThat(account(true, true, true, false, true).canLogIn()).isTrue();
        }

        @Test
        void anyMissingConditionStopsTheLogin() {
            assertThat(account(false, true, true, false, true).canLogIn())
                    .as("deactivated")
                    .isFalse();
            assertThat(account(true, false, true, false, true).canLogIn())
                    .as("organization not in force")
                    .isFalse();
            assertThat(account(true, true, false, false, true).canLogIn())
                    .as("not activated")
                    .isFalse();
            assertThat(account(true, true, true, true, true).canLogIn())
                    .as("service user")
                    .isFalse();
            assertThat(account(true, true, true, false, false).canLogIn())
                    .as("only worker roles")
                    .isFalse();
        }

        @Test
        void itsTextNamesTheVerdictButNeverTheHash() {
            assertThat(account(true, true, true, false, true).toString())
                    .contains("canLogIn=true")
                    .doesNotContain("$2a$");
        }

        private static LoginAccount account(
                boolean active, boolean organizationActive, boolean activated, boolean serviceUser, boolean role) {
            return new LoginAccount(1, 1, "$2a$10$hash", 0, active, organizationActive, activated, serviceUser, role);
        }
    }

    @Nested
    class Roles {

        private final RoleGrant worker = new RoleGrant(1, "worker", true, Set.of(), false);
        private final RoleGrant member = new RoleGrant(2, "member", true, Set.of("staff:read"), true);
        private final RoleGrant custom = new RoleGrant(3, "cashier", false, Set.of(), true);

        @Test
        void oneRoleThatAllowsLoginIsEnough() {
            assertThat(RoleGrant.anyAllowsLogin(List.of(worker, member))).isTrue();
            assertThat(RoleGrant.anyAllowsLogin(List.of(custom))).isTrue();
        }

        @Test
        void onlyWorkersOrNoRolesAtAllDoNotLogIn() {
            assertThat(RoleGrant.anyAllowsLogin(List.of(worker))).isFalse();
            assertThat(RoleGrant.anyAllowsLogin(List.of())).isFalse();
        }
    }
}
