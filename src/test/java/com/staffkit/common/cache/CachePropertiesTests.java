package com.staffkit.common.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.resilience4j.core.IntervalFunction;
import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CachePropertiesTests {

    @Test
    void reconnectionWaitsDoubleFromTheFirstUpToTheLongest() {
        IntervalFunction backoff =
                new CacheProperties(Duration.ofMillis(100), Duration.ofSeconds(5), null, 20000).backoff();

        assertThat(IntStream.rangeClosed(1, 9).mapToObj(backoff::apply))
                .containsExactly(100L, 200L, 400L, 800L, 1600L, 3200L, 5000L, 5000L, 5000L);
    }

    @Test
    void aLongestWaitBelowTheFirstIsRefused() {
        assertThatThrownBy(() -> new CacheProperties(Duration.ofSeconds(2), Duration.ofSeconds(1), null, 20000))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CacheProperties(Duration.ZERO, Duration.ofSeconds(1), null, 20000))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
