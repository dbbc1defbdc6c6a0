package com.staffkit.common.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.staffkit.common.error.ForbiddenException;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CallerTests {

    @Test
    void cannotBeBuiltWithoutAScope() {
        assertThatThrownBy(() -> Caller.staff(1, 1, null, Set.of(), Scope.all()))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Caller.staff(1, 1, Scope.only(Set.of(1L)), Set.of(), null))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Caller.apiKey(1, 1, null, Set.of(), Scope.all(), null))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void seeWhatTheirScopesSay() {
        Caller manager = Caller.staff(1, 10, Scope.only(Set.of(10L, 11L)), Set.of(), Scope.only(Set.of(5L)));
        assertThat(manager.allOrganizations()).isFalse();
        assertThat(manager.canSee(11L)).isTrue();
        assertThat(manager.canSee(12L)).isFalse();
        assertThat(manager.storeScope().isAll()).isFalse();

        Caller superadmin = Caller.staff(2, 10, Scope.all(), Set.of(), Scope.all());
        assertThat(superadmin.allOrganizations()).isTrue();
        assertThat(superadmin.canSee(12L)).isTrue();
        assertThat(superadmin.storeScope().isAll()).isTrue();
    }

    @Test
    void anApiKeyIsNoStaffMemberWhereOneIsRequired() {
        Caller staff = Caller.staff(3, 10, Scope.only(Set.of(10L)), Set.of(), Scope.all());
        assertThat(staff.requireStaff("unused")).isEqualTo(3L);

        Caller key = Caller.apiKey(4, 10, Scope.only(Set.of(10L)), Set.of(), Scope.all(), 3L);
        assertThatThrownBy(() -> key.requireStaff("An API key has no password."))
                .isInstanceOf(ForbiddenException.class)
                .hasMessageContaining("An API key has no password.");
    }
}
