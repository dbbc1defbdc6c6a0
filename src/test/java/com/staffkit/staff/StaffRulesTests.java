package com.staffkit.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.staffkit.common.error.ForbiddenException;
import com.staffkit.common.error.InvalidRequestException;
import com.staffkit.common.security.Caller;
import com.staffkit.common.security.Scope;
import com.staffkit.role.RoleGrant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The pure rules of changing staff, without Spring or a database. */
class StaffRulesTests {

    private static final long CALLER = 1;
    private static final long OTHER = 2;

    private static final RoleGrant MEMBER = role(10, "member", true, "staff:read");
    private static final RoleGrant MANAGER = role(11, "manager", true, "staff:read", "staff:write");
    private static final RoleGrant SUPERADMIN = role(12, "superadmin", true, "staff:read", "staff:write");

    @Nested
    class GrantingRoles {

        @Test
        void aCallerGrantsOnlyRolesWhosePermissionsItHolds() {
            Caller manager = staff(Set.of("staff:read", "staff:write"), Scope.all());
            assertThat(MEMBER.isGrantableBy(manager)).isTrue();
            assertThat(MANAGER.isGrantableBy(manager)).isTrue();
            assertThat(role(13, "auditor", false, "audit:read").isGrantableBy(manager))
                    .isFalse();
        }

        @Test
        void onlyACallerSeeingEveryOrganizationGrantsSuperadmin() {
            Set<String> same = SUPERADMIN.permissions();
            assertThat(SUPERADMIN.isGrantableBy(staff(same, Scope.all()))).isFalse();
            Caller superadmin = Caller.staff(CALLER, 1, Scope.all(), same, Scope.all());
            assertThat(SUPERADMIN.isGrantableBy(superadmin)).isTrue();
        }

        @Test
        void aCustomRoleNamedLikeSuperadminIsNoSuperadmin() {
            RoleGrant custom = role(14, "superadmin", false, "staff:read");
            assertThat(custom.isGrantableBy(staff(Set.of("staff:read"), Scope.all())))
                    .isTrue();
        }

        @Test
        void requireGrantableNamesTheRoleTheCallerCannotGive() {
            Caller member = staff(Set.of("staff:read"), Scope.all());
            assertThatThrownBy(() -> StaffChangeRules.requireGrantable(member, List.of(MEMBER, MANAGER)))
                    .isInstanceOf(ForbiddenException.class)
                    .hasMessageContaining("'manager'");
        }
    }

    @Nested
    class MorePowerfulAccounts {

        private final Caller manager = staff(Set.of("staff:read", "staff:write"), Scope.all());

        @Test
        void anAccountHoldingAPermissionTheCallerLacksOutranksIt() {
            RoleGrant admin = role(15, "admin", true, "staff:read", "staff:write", "staff:deactivate");
            assertThat(StaffChangeRules.accountOutranksCaller(manager, OTHER, List.of(MEMBER, admin)))
                    .isTrue();
        }

        @Test
        void anAccountHoldingNoMoreThanTheCallerDoesNot() {
            assertThat(StaffChangeRules.accountOutranksCaller(manager, OTHER, List.of(MEMBER, MANAGER)))
                    .isFalse();
            assertThat(StaffChangeRules.accountOutranksCaller(manager, OTHER, List.of()))
                    .isFalse();
        }

        @Test
        void nobodyIsOutrankedByTheirOwnAccountInTheirOwnSession() {
            Caller member = staff(Set.of("staff:read"), Scope.all());
            assertThat(StaffChangeRules.accountOutranksCaller(member, CALLER, List.of(MANAGER)))
                    .isFalse();
        }

        @Test
        void aKeyIsOutrankedByItsCreatorsAccountLikeAnyOther() {
            Caller key = Caller.apiKey(99, 1, Scope.only(Set.of(1L)), Set.of("staff:read"), Scope.all(), CALLER);
            assertThat(StaffChangeRules.accountOutranksCaller(key, CALLER, List.of(MANAGER)))
                    .isTrue();
        }
    }

    @Nested
    class StoreScope {

        private final Caller scoped = staff(Set.of("staff:write"), Scope.only(Set.of(5L, 6L)));
        private final Caller everyStore = staff(Set.of("staff:write"), Scope.all());

        @Test
        void aScopedCallerAssignsAndUnassignsOnlyItsOwnStores() {
            assertThat(StaffChangeRules.mayChangeStores(scoped, Set.of(5L), Set.of(5L, 6L)))
                    .isTrue();
            assertThat(StaffChangeRules.mayChangeStores(scoped, Set.of(5L), Set.of()))
                    .isTrue();
            assertThat(StaffChangeRules.mayChangeStores(scoped, Set.of(5L), Set.of(5L, 7L)))
                    .isFalse();
            assertThat(StaffChangeRules.mayChangeStores(scoped, Set.of(7L), Set.of()))
                    .isFalse();
        }

        @Test
        void storesKeptAsTheyAreDoNotCount() {
            assertThat(StaffChangeRules.mayChangeStores(scoped, Set.of(7L, 8L), Set.of(7L, 8L, 5L)))
                    .isTrue();
        }

        @Test
        void aCallerOfEveryStoreChangesAnyStore() {
            assertThat(StaffChangeRules.mayChangeStores(everyStore, Set.of(7L), Set.of(8L)))
                    .isTrue();
        }

        @Test
        void aScopedCallersNewStaffMemberSharesOneOfItsStores() {
            StaffChangeRules.requireOneOfCallersStores(scoped, Set.of(6L, 9L));
            StaffChangeRules.requireOneOfCallersStores(everyStore, Set.of());
            assertThatThrownBy(() -> StaffChangeRules.requireOneOfCallersStores(scoped, Set.of(9L)))
                    .isInstanceOf(InvalidRequestException.class);
            assertThatThrownBy(() -> StaffChangeRules.requireOneOfCallersStores(scoped, Set.of()))
                    .isInstanceOf(InvalidRequestException.class);
        }

        @Test
        void onlyACallerOfEveryStoreGivesTheSightOfEveryStore() {
            StaffChangeRules.requireAllStoresToGrantAllStores(everyStore, "no");
            assertThatThrownBy(() -> StaffChangeRules.requireAllStoresToGrantAllStores(scoped, "no"))
                    .isInstanceOf(ForbiddenException.class);
        }

        @Test
        void aScopedCallerSeesOnlyStaffSharingItsStoresAndItself() {
            Visibility visibility = Visibility.of(scoped);
            assertThat(visibility.coversStores(OTHER, List.of(6L))).isTrue();
            assertThat(visibility.coversStores(OTHER, List.of(7L))).isFalse();
            assertThat(visibility.coversStores(CALLER, List.of())).isTrue();
        }
    }

    private static Caller staff(Set<String> permissions, Scope<Long> stores) {
        return Caller.staff(CALLER, 1, Scope.only(Set.of(1L)), permissions, stores);
    }

    private static RoleGrant role(long id, String name, boolean builtIn, String... permissions) {
        return new RoleGrant(id, name, builtIn, Set.of(permissions), true);
    }
}
