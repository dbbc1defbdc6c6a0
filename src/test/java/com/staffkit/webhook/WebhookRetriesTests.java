package com.staffkit.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class WebhookRetriesTests {

    private static final List<Duration> DAY = new WebhookProperties(
                    false,
                    false,
                    List.of(
                            Duration.ofSeconds(5),
                            Duration.ofMinutes(5),
                            Duration.ofMinutes(30),
                            Duration.ofHours(2),
                            Duration.ofHours(5),
                            Duration.ofHours(10),
                            Duration.ofHours(10)),
                    Duration.ofSeconds(10),
                    Duration.ofDays(3),
                    Duration.ofSeconds(1),
                    32,
                    4,
                    Duration.ofHours(24),
                    Duration.ofDays(30))
            .retryDelays();

    @Test
    void theDefaultsAreTheContractsTenSecondsAndAboutADayOfRetries() {
        WebhookProperties defaults = new org.springframework.boot.context.properties.bind.Binder(
                        new org.springframework.boot.context.properties.source.MapConfigurationPropertySource())
                .bindOrCreate("staffkit.webhooks", WebhookProperties.class);
        assertThat(defaults.timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(defaults.retryDelays()).isEqualTo(DAY);
        assertThat(defaults.failingFor()).isEqualTo(Duration.ofDays(3));
        assertThat(defaults.previousSecretLifetime()).isEqualTo(Duration.ofHours(24));
        assertThat(defaults.allowHttp()).isFalse();
        assertThat(defaults.allowPrivateNetworks()).isFalse();
    }

    @RepeatedTest(20)
    void eachRetryWaitsItsStepWithinTwentyPercent() {
        for (int attempts = 1; attempts <= DAY.size(); attempts++) {
            Duration step = DAY.get(attempts - 1);
            assertThat(WebhookRetries.next(DAY, attempts, 500, null).orElseThrow())
                    .isBetween(
                            Duration.ofMillis(Math.round(step.toMillis() * 0.8)),
                            Duration.ofMillis(Math.round(step.toMillis() * 1.2)));
        }
    }

    @Test
    void theScheduleLastsAboutADayThenTheEventIsGivenUp() {
        Duration total = DAY.stream().reduce(Duration.ZERO, Duration::plus);
        assertThat(total).isBetween(Duration.ofHours(24), Duration.ofHours(30));
        assertThat(WebhookRetries.next(DAY, DAY.size() + 1, 500, null)).isEmpty();
    }

    @Test
    void retryAfterOn429And503OnlyLengthensTheWaitUpToTheLongestStep() {
        assertThat(WebhookRetries.next(DAY, 1, 429, Duration.ofMinutes(1))).contains(Duration.ofMinutes(1));
        assertThat(WebhookRetries.next(DAY, 1, 503, Duration.ofMinutes(2))).contains(Duration.ofMinutes(2));
        assertThat(WebhookRetries.next(DAY, 1, 429, Duration.ofDays(3))).contains(Duration.ofHours(10));
        // A shorter Retry-After does not hurry the schedule, and other statuses ignore it.
        assertThat(WebhookRetries.next(DAY, 3, 429, Duration.ofSeconds(1)).orElseThrow())
                .isGreaterThan(Duration.ofMinutes(20));
        assertThat(WebhookRetries.next(DAY, 1, 500, Duration.ofMinutes(1)).orElseThrow())
                .isLessThan(Duration.ofSeconds(7));
    }
}
