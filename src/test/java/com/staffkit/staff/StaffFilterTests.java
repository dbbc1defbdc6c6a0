package com.staffkit.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.staffkit.common.error.InvalidRequestException;
import org.junit.jupiter.api.Test;

class StaffFilterTests {

    private static StaffFilter ordering(String ordering) {
        return StaffFilter.all().orderedBy(ordering);
    }

    @Test
    void defaultOrderingIsById() {
        assertThat(ordering(null).orderBy()).isEqualTo("s.id asc");
    }

    @Test
    void descendingOrderingKeepsIdAsTieBreaker() {
        assertThat(ordering("-last_name").orderBy()).isEqualTo("s.last_name desc, s.id desc");
    }

    @Test
    void unknownOrderingIsRefusedNotPassedToSql() {
        assertThatThrownBy(() -> ordering("password_hash"))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("ordering");
        assertThatThrownBy(() -> ordering("id; drop table staff")).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void likeWildcardsAreEscaped() {
        assertThat(com.staffkit.common.persistence.SqlWhere.containing("50%_a\\b"))
                .isEqualTo("%50\\%\\_a\\\\b%");
    }
}
