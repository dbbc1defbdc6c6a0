package com.staffkit.common.web;

import com.staffkit.common.error.ProblemResponseWriter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.web.filter.UrlHandlerFilter;
import tools.jackson.databind.JacksonModule;

/** Filters that run before security, so every later stage sees the normalized request. */
@Configuration(proxyBeanMethods = false)
class WebFilterConfiguration {

    /** Every API path answers with and without a trailing slash ({@code /api/v1/staffs/} as in the seeds). */
    @Bean
    FilterRegistrationBean<UrlHandlerFilter> trailingSlashFilter() {
        UrlHandlerFilter filter = UrlHandlerFilter.trailingSlashHandler("/api/**", "/actuator/**")
                .wrapRequest()
                .build();
        FilterRegistrationBean<UrlHandlerFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(
            WebProperties properties, ProblemResponseWriter problems) {
        FilterRegistrationBean<RequestBodyLimitFilter> registration = new FilterRegistrationBean<>(
                new RequestBodyLimitFilter(properties.maxRequestBody().toBytes(), problems));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    /** Query parameters with the NUL character are refused before security or any handler reads them. */
    @Bean
    FilterRegistrationBean<NulCharacterFilter> nulCharacterFilter(ProblemResponseWriter problems) {
        FilterRegistrationBean<NulCharacterFilter> registration =
                new FilterRegistrationBean<>(new NulCharacterFilter(problems));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        return registration;
    }

    /** Every JSON string and map key a request binds to is free of the NUL character. */
    @Bean
    JacksonModule nulFreeJsonStrings() {
        return NulCharacters.jsonModule();
    }

    /**
     * The security chain places it (after CORS, before authentication), so it is not a servlet filter
     * of its own. Logins take no lane: their password check waits in its own bulkhead (auth's
     * BoundedPasswordEncoder), and the rest of a login is a few indexed statements.
     */
    @Bean
    ConcurrencyLimitFilter concurrencyLimitFilter(WebProperties properties, ProblemResponseWriter problems) {
        return new ConcurrencyLimitFilter(properties.maxConcurrentRequests(), properties.maxQueueWait(), problems)
                .withOwnBulkhead(PathPatternRequestMatcher.pathPattern(HttpMethod.POST, "/api/v1/auth/login"));
    }

    @Bean
    FilterRegistrationBean<ConcurrencyLimitFilter> concurrencyLimitFilterRegistration(ConcurrencyLimitFilter filter) {
        FilterRegistrationBean<ConcurrencyLimitFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setEnabled(false);
        return registration;
    }

    @Bean
    MeterBinder concurrencyLimitMetrics(ConcurrencyLimitFilter filter) {
        return registry -> {
            if (filter.lanes() == 0) {
                return;
            }
            Gauge.builder("staffkit.http.requests.working", filter, ConcurrencyLimitFilter::working)
                    .description("API requests being worked on")
                    .register(registry);
            Gauge.builder("staffkit.http.requests.waiting", filter, ConcurrencyLimitFilter::waiting)
                    .description("API requests waiting for their turn")
                    .register(registry);
            Gauge.builder("staffkit.http.responses.held", filter, ConcurrencyLimitFilter::heldBodyBytes)
                    .description("Bytes of API response bodies held in memory until their requests leave their lanes")
                    .baseUnit("bytes")
                    .register(registry);
        };
    }
}
