package com.staffkit.common.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.staffkit.support.IntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.Filter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.web.filter.CorsFilter;

/**
 * The limit on API requests at once is on by default, in the security chain after the security
 * headers and CORS and before authentication (and nowhere else, so no request takes two lanes);
 * every way a request ends gives its lane back, and the bulkhead's metrics are published.
 */
class BulkheadTests extends IntegrationTest {

    @Autowired
    BulkheadFilter filter;

    @Autowired
    FilterRegistrationBean<BulkheadFilter> bulkheadFilterRegistration;

    @Autowired
    FilterChainProxy securityFilters;

    @Autowired
    WebProperties properties;

    @Autowired
    MeterRegistry meters;

    @Test
    void apiRequestsTakeALaneOnceBetweenCorsAndAuthentication() {
        assertThat(filter.bulkhead().getBulkheadConfig().getMaxConcurrentCalls())
                .isEqualTo(properties.maxConcurrentRequests())
                .isPositive();
        assertThat(bulkheadFilterRegistration.isEnabled()).isFalse();
        List<Filter> chain = securityFilters.getFilters("/api/v1/staffs/");
        List<String> names =
                chain.stream().map(f -> f.getClass().getSimpleName()).toList();
        assertThat(chain).containsOnlyOnce(filter);
        assertThat(chain.indexOf(filter)).isLessThan(names.indexOf("BearerTokenAuthenticationFilter"));
        // CORS is off here; its filter would stand right after the security headers, before this one.
        assertThat(chain).noneMatch(CorsFilter.class::isInstance);
        assertThat(names.indexOf("HeaderWriterFilter")).isNotNegative().isLessThan(chain.indexOf(filter));
    }

    @Test
    void everyWayARequestEndsGivesItsLaneBack() {
        String token = superadminToken();
        assertThat(api.get("/api/v1/staffs/?page_size=5").token(token).send().status())
                .isEqualTo(200);
        // A problem from an exception handler, one from the security chain, and an empty 404.
        assertThat(api.get("/api/v1/staffs/999999999").token(token).send().status())
                .isEqualTo(404);
        assertThat(api.get("/api/v1/staffs/").send().status()).isEqualTo(401);
        assertThat(api.get("/api/v1/no-such-thing").token(token).send().status())
                .isEqualTo(404);

        int lanes = properties.maxConcurrentRequests();
        await().until(() -> filter.bulkhead().getMetrics().getAvailableConcurrentCalls() == lanes);
        assertThat(meters.get("resilience4j.bulkhead.available.concurrent.calls")
                        .tag("name", "api-requests")
                        .gauge()
                        .value())
                .isEqualTo(lanes);
        assertThat(meters.get("resilience4j.bulkhead.max.allowed.concurrent.calls")
                        .tag("name", "api-requests")
                        .gauge()
                        .value())
                .isEqualTo(lanes);
    }
}
