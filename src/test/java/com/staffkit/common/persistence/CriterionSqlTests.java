package com.staffkit.common.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How {@link CriterionSql} writes a prefix: a like, and the same rows as a range an index serves. */
class CriterionSqlTests {

    private static final Criterion.Attribute NAME = new Criterion.Attribute() {
        @Override
        public String sql() {
            return "s.first_name";
        }

        @Override
        public Criterion.Kind kind() {
            return Criterion.Kind.TEXT;
        }
    };

    @Test
    void aPrefixIsALikeAndARangeOfTheLoweredText() {
        Map<String, Object> params = new LinkedHashMap<>();
        String sql = CriterionSql.render(new Criterion.Comparison(NAME, Criterion.Operator.SW, "Ol_"), params, "f");

        assertThat(sql)
                .isEqualTo("(lower(s.first_name) like :f0 and lower(s.first_name) ~>=~ :f1"
                        + " and lower(s.first_name) ~<~ :f2)");
        assertThat(params).containsExactly(Map.entry("f0", "ol\\_%"), Map.entry("f1", "ol_"), Map.entry("f2", "ol`"));
    }

    @Test
    void anEmptyPrefixIsTheLikeAlone() {
        Map<String, Object> params = new LinkedHashMap<>();
        assertThat(CriterionSql.render(new Criterion.Comparison(NAME, Criterion.Operator.SW, ""), params, "f"))
                .isEqualTo("lower(s.first_name) like :f0");
    }

    @Test
    void theRangeEndsAtTheNextCodePoint() {
        assertThat(CriterionSql.successor("ab")).isEqualTo("ac");
        assertThat(CriterionSql.successor("Jü")).isEqualTo("Jý");
        assertThat(CriterionSql.successor("x\uD7FF")).isEqualTo("x\uE000");
        assertThat(CriterionSql.successor("a😀")).isEqualTo("a😁");
        assertThat(CriterionSql.successor("a" + Character.toString(Character.MAX_CODE_POINT)))
                .isNull();
    }
}
