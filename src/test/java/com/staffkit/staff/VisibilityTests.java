package com.staffkit.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.staffkit.common.persistence.SqlWhere;
import com.staffkit.common.security.Caller;
import com.staffkit.common.security.Scope;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class VisibilityTests {

    private static final long SELF = 7;

    @Nested
    class EveryStore {

        private final Visibility visibility =
                Visibility.of(Caller.staff(SELF, 1, Scope.only(Set.of(1L)), Set.of(), Scope.all()));

        @Test
        void coversStaffOfAnyStoreOrNone() {
            assertThat(visibility.coversStores(99, List.of(3L))).isTrue();
            assertThat(visibility.coversStores(99, List.of())).isTrue();
        }

        @Test
        void addsNoStoreConditionBecauseItsTypeSaysAll() {
            assertThat(visibility.storeScopeSql("s")).isEqualTo("true");
            assertThat(visibility.storeParams()).isEmpty();
        }
    }

    @Nested
    class OnlySomeStores {

        private final Visibility visibility =
                Visibility.of(Caller.staff(SELF, 1, Scope.only(Set.of(1L)), Set.of(), Scope.only(Set.of(3L))));

        @Test
        void coversOnlyStaffSharingAStore() {
            assertThat(visibility.coversStores(99, List.of(3L, 4L))).isTrue();
            assertThat(visibility.coversStores(99, List.of(4L))).isFalse();
            assertThat(visibility.coversStores(99, List.of())).isFalse();
        }

        @Test
        void alwaysCoversTheCallersOwnRow() {
            assertThat(visibility.coversStores(SELF, List.of())).isTrue();
            assertThat(visibility.storeScopeSql("s")).contains("s.id = :scopeSelf");
        }

        @Test
        void bindsTheStoresAndNeedsARowSharingOne() {
            assertThat(visibility.storeScopeSql("s")).contains("vs.store_id = any(:scopeStores)");
            assertThat((Long[]) visibility.storeParams().get("scopeStores")).containsExactly(3L);
            assertThat(visibility.storeParams()).containsEntry("scopeSelf", SELF);
        }

        @Test
        void anApiKeyHasNoOwnRow() {
            Visibility key =
                    Visibility.of(Caller.apiKey(1, 1, Scope.only(Set.of(1L)), Set.of(), Scope.only(Set.of(3L)), SELF));
            assertThat(key.coversStores(SELF, List.of())).isFalse();
            assertThat(key.storeScopeSql("s")).doesNotContain(":scopeSelf");
            assertThat(key.storeParams()).doesNotContainKey("scopeSelf");
        }
    }

    @Nested
    class Sql {

        @Test
        void carriesTheOrganizationAndStoreScopesTheTypesSay() {
            SqlWhere every = new SqlWhere();
            Visibility.organization(5).andStoreScope(every, "s");
            assertThat(every.params()).isEmpty();
            SqlWhere some = new SqlWhere();
            Visibility.of(Caller.apiKey(1, 1, Scope.only(Set.of(1L)), Set.of(), Scope.only(Set.of(3L)), SELF))
                    .andStoreScope(some, "s");
            assertThat(some.sql()).contains("vs.store_id = any(:scopeStores)");
            assertThat((Long[]) some.params().get("scopeStores")).containsExactly(3L);
        }

        @Test
        void anOrganizationScopeAddsItsCondition() {
            SqlWhere only = new SqlWhere().andIn("s.organization_id", "organizations", Scope.only(Set.of(5L)));
            assertThat(only.sql()).contains("s.organization_id = any(:organizations)");
            assertThat((Long[]) only.params().get("organizations")).containsExactly(5L);
            SqlWhere all = new SqlWhere().andIn("s.organization_id", "organizations", Scope.all());
            assertThat(all.sql()).isEmpty();
            assertThat(all.params()).containsEntry("organizationsAll", true);
        }

        @Test
        void refusesAMissingScope() {
            assertThatThrownBy(() -> new Visibility(null, Scope.all(), null)).isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> new Visibility(Scope.all(), null, null)).isInstanceOf(NullPointerException.class);
        }
    }
}
