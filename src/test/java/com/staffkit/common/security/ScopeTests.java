package com.staffkit.common.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.staffkit.common.persistence.ScopeSql;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ScopeTests {

    @Nested
    class All {

        private final Scope<Long> all = Scope.all();

        @Test
        void containsEveryMember() {
            assertThat(all.isAll()).isTrue();
            assertThat(all.contains(42L)).isTrue();
            assertThat(all.containsAll(List.of(1L, 2L))).isTrue();
            assertThat(all.intersects(List.of(7L))).isTrue();
        }

        @Test
        void listsNothing() {
            assertThat(all.size()).isZero();
            assertThat(ScopeSql.members(all)).isEmpty();
        }
    }

    @Nested
    class Only {

        @Test
        void containsOnlyItsMembers() {
            Scope<Long> only = Scope.only(Set.of(1L, 2L));
            assertThat(only.isAll()).isFalse();
            assertThat(only.contains(1L)).isTrue();
            assertThat(only.contains(3L)).isFalse();
            assertThat(only.containsAll(List.of(1L, 2L))).isTrue();
            assertThat(only.containsAll(List.of(1L, 3L))).isFalse();
            assertThat(only.intersects(List.of(3L, 2L))).isTrue();
            assertThat(only.intersects(List.of(3L))).isFalse();
            assertThat(ScopeSql.members(only)).containsExactlyInAnyOrder(1L, 2L);
        }

        @Test
        void emptyContainsNothing() {
            Scope<Long> none = Scope.only(Set.of());
            assertThat(none.contains(1L)).isFalse();
            assertThat(none.intersects(List.of(1L))).isFalse();
        }

        @Test
        void isACopyOfItsMembers() {
            Set<Long> members = new HashSet<>(Set.of(1L));
            Scope<Long> only = Scope.only(members);
            members.add(2L);
            assertThat(only.contains(2L)).isFalse();
        }

        @Test
        void refusesNullMembers() {
            assertThatThrownBy(() -> new Scope.Only<Long>(null)).isInstanceOf(NullPointerException.class);
        }
    }

    @Nested
    class InSql {

        @Test
        void bindsTheFlagAndTheMembersEvenForAll() {
            assertThat(ScopeSql.predicate("s.organization_id", "organizations"))
                    .isEqualTo("(:organizationsAll or s.organization_id = any(:organizations))");
            assertThat(ScopeSql.params("organizations", Scope.all()))
                    .containsEntry("organizationsAll", true)
                    .containsKey("organizations");
            assertThat(ScopeSql.params("organizations", Scope.only(Set.of(5L))))
                    .containsEntry("organizationsAll", false)
                    .containsKey("organizations");
        }
    }
}
