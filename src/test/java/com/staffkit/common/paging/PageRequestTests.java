package com.staffkit.common.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.staffkit.common.error.InvalidRequestException;
import org.junit.jupiter.api.Test;

class PageRequestTests {

    @Test
    void defaultsToFirstPageOfTwenty() {
        PageRequest page = PageRequest.of(null, null);
        assertThat(page.page()).isEqualTo(1);
        assertThat(page.pageSize()).isEqualTo(20);
        assertThat(page.offset()).isZero();
    }

    @Test
    void offsetCountsFromPageOne() {
        assertThat(PageRequest.of(3, 50).offset()).isEqualTo(100);
    }

    @Test
    void refusesPageSizesOutsideOneToThousand() {
        assertThatThrownBy(() -> PageRequest.of(1, 1001))
                .isInstanceOf(InvalidRequestException.class)
                .satisfies(ex -> assertThat(((InvalidRequestException) ex)
                                .errors()
                                .getFirst()
                                .field())
                        .isEqualTo("page_size"));
        assertThatThrownBy(() -> PageRequest.of(1, 0)).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> PageRequest.of(0, 20))
                .isInstanceOf(InvalidRequestException.class)
                .satisfies(ex -> assertThat(((InvalidRequestException) ex)
                                .errors()
                                .getFirst()
                                .field())
                        .isEqualTo("page"));
    }
}
