package com.staffkit.common.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.staffkit.support.ApiResponse;
import com.staffkit.support.IntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.Filter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.web.filter.CorsFilter;

/**
 * The limit on API requests at once is on by default, in the security chain after the security
 * headers and CORS and before authentication (and nowhere else, so no request takes two lanes), and
 * visible in the metrics; responses reach the client whole after the lane.
 */
class ConcurrencyLimitTests extends IntegrationTest {

    @Autowired
    ConcurrencyLimitFilter filter;

    @Autowired
    FilterRegistrationBean<ConcurrencyLimitFilter> concurrencyLimitFilterRegistration;

    @Autowired
    FilterChainProxy securityFilters;

    @Autowired
    WebProperties properties;

    @Autowired
    MeterRegistry meters;

    @Test
    void apiRequestsTakeALaneOnceBetweenCorsAndAuthentication() throws InterruptedException {
        assertThat(filter.lanes()).isEqualTo(properties.maxConcurrentRequests()).isPositive();
        assertThat(concurrencyLimitFilterRegistration.isEnabled()).isFalse();
        List<Filter> chain = securityFilters.getFilters("/api/v1/staffs/");
        List<String> names =
                chain.stream().map(f -> f.getClass().getSimpleName()).toList();
        assertThat(chain).containsOnlyOnce(filter);
        assertThat(names.indexOf("ConcurrencyLimitFilter"))
                .isLessThan(names.indexOf("BearerTokenAuthenticationFilter"));
        // CORS is off here; its filter would stand right after the security headers, before this one.
        assertThat(chain).noneMatch(CorsFilter.class::isInstance);
        assertThat(names.indexOf("HeaderWriterFilter")).isNotNegative().isLessThan(chain.indexOf(filter));

        ApiResponse me = api.get("/api/v1/me").token(superadminToken()).send();
        assertThat(me.status()).isEqualTo(200);
        // The body was held until the request left its lane, then sent whole, with its length and
        // the security headers.
        assertThat(me.json().path("permissions").isEmpty()).isFalse();
        assertThat(me.header("Content-Length"))
                .isEqualTo(String.valueOf(me.body().getBytes(StandardCharsets.UTF_8).length));
        assertThat(me.header("X-Content-Type-Options")).isEqualTo("nosniff");

        // The response may reach the client a moment before the lane is given back.
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (filter.working() != 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(filter.working()).isZero();
        assertThat(meters.get("staffkit.http.requests.working").gauge().value()).isZero();
        assertThat(meters.get("staffkit.http.requests.waiting").gauge().value()).isZero();
        assertThat(meters.get("staffkit.http.responses.held").gauge().value()).isZero();
    }
}
