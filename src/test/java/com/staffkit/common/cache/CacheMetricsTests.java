package com.staffkit.common.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.staffkit.support.IntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** What operators see of the caches: size, hits and misses, trust, notifications received. */
class CacheMetricsTests extends IntegrationTest {

    @Autowired
    MeterRegistry registry;

    @Test
    void theCallerCacheTrustAndNotificationsArePublished() {
        await().atMost(Duration.ofSeconds(10))
                .until(() -> registry.get("staffkit.cache.trusted").gauge().value() == 1);
        double notifications =
                registry.get("staffkit.cache.notifications").functionCounter().count();

        createStaff(Map.of("first_name", "Counted", "last_name", "Change", "email", uniqueEmail("counted")));
        await().atMost(Duration.ofSeconds(1))
                .until(() -> registry.get("staffkit.cache.notifications")
                                .functionCounter()
                                .count()
                        > notifications);
        api.get("/api/v1/me").token(superadminToken()).send();

        String scraped =
                api.get("/actuator/prometheus").token(superadminToken()).send().body();

        assertThat(scraped)
                .containsPattern("cache_size\\{cache=\"callers\"[^}]*} [1-9]")
                .containsPattern("cache_gets_total\\{cache=\"callers\"[^}]*result=\"hit\"[^}]*} [1-9]")
                .containsPattern("cache_gets_total\\{cache=\"callers\"[^}]*result=\"miss\"[^}]*} [1-9]")
                .containsPattern("staffkit_cache_trusted(\\{[^}]*})? 1\\.0")
                .containsPattern("staffkit_cache_notifications_total(\\{[^}]*})? [1-9]");
    }
}
