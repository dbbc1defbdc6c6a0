package com.staffkit.common.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.staffkit.support.IntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.servlet.FilterRegistrationBean;

/** The limit on API requests at once is on by default, for the API only, and visible in the metrics. */
class ConcurrencyLimitTests extends IntegrationTest {

    @Autowired
    FilterRegistrationBean<ConcurrencyLimitFilter> concurrencyLimitFilter;

    @Autowired
    MeterRegistry meters;

    @Test
    void theApiIsLimitedToTwiceTheProcessorsByDefault() {
        assertThat(concurrencyLimitFilter.isEnabled()).isTrue();
        assertThat(concurrencyLimitFilter.getUrlPatterns()).containsExactly("/api/*");

        assertThat(api.get("/api/v1/me").token(superadminToken()).send().status())
                .isEqualTo(200);

        ConcurrencyLimitFilter filter = concurrencyLimitFilter.getFilter();
        assertThat(filter.lanes()).isEqualTo(2 * Runtime.getRuntime().availableProcessors());
        assertThat(filter.working()).isZero();
        assertThat(filter.waiting()).isZero();
        assertThat(meters.get("staffkit.http.requests.working").gauge().value()).isZero();
        assertThat(meters.get("staffkit.http.requests.waiting").gauge().value()).isZero();
    }
}
