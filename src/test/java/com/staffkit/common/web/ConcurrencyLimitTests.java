package com.staffkit.common.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.staffkit.support.ApiResponse;
import com.staffkit.support.IntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.Filter;
import java.nio.charset.StandardCharsets;
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
    void apiRequestsTakeALaneOnceBetweenCorsAndAuthentication() {
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

        // A page larger than the container's 8 KB buffer: held until the request left its lane (which
        // is free before the client has the response), then sent whole with its length, not chunked,
        // and with the security headers.
        long organization = newOrganization("Held pages");
        jdbc.sql("""
                        insert into staff (organization_id, username, first_name, last_name)
                        select :organization, 'held-' || n || '-' || :suffix, 'Held', 'Page'
                        from generate_series(1, 30) n""")
                .param("organization", organization)
                .param("suffix", unique())
                .update();
        ApiResponse page = api.get("/api/v1/staffs/?page_size=100&organization=" + organization)
                .token(superadminToken())
                .send();
        assertThat(page.json(200).path("results").size()).isGreaterThanOrEqualTo(30);
        int length = page.body().getBytes(StandardCharsets.UTF_8).length;
        assertThat(length).isGreaterThan(8 * 1024);
        assertThat(page.header("Content-Length")).isEqualTo(String.valueOf(length));
        assertThat(page.header("Transfer-Encoding")).isNull();
        assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(filter.working()).isZero();
        assertThat(meters.get("staffkit.http.requests.working").gauge().value()).isZero();
        assertThat(meters.get("staffkit.http.requests.waiting").gauge().value()).isZero();
        assertThat(meters.get("staffkit.http.responses.held").gauge().value()).isZero();
    }
}
