package com.staffkit.common.web;

import com.staffkit.common.error.ProblemResponseWriter;
import com.staffkit.common.input.NulCharacters;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedBulkheadMetrics;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Map;
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

    /** First of all: every response, refusals included, carries the request's X-Request-Id. */
    @Bean
    FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
        FilterRegistrationBean<RequestIdFilter> registration = new FilterRegistrationBean<>(new RequestIdFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** Every API path answers with and without a trailing slash ({@code /api/v1/staffs/} as in the seeds). */
    @Bean
    FilterRegistrationBean<UrlHandlerFilter> trailingSlashFilter() {
        UrlHandlerFilter filter = UrlHandlerFilter.trailingSlashHandler("/api/**", "/scim/**", "/actuator/**")
                .wrapRequest()
                .build();
        FilterRegistrationBean<UrlHandlerFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    @Bean
    FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(
            WebProperties properties, ProblemResponseWriter problems) {
        FilterRegistrationBean<RequestBodyLimitFilter> registration =
                new FilterRegistrationBean<>(new RequestBodyLimitFilter(
                        Map.of(
                                "/api/v1/staffs/bulk",
                                        properties.maxBulkRequestBody().toBytes(),
                                "/api/v1/staffs/imports",
                                        properties.maxImportBody().toBytes()),
                        properties.maxRequestBody().toBytes(),
                        problems));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        return registration;
    }

    /** Query parameters with the NUL character are refused before security or any handler reads them. */
    @Bean
    FilterRegistrationBean<NulCharacterFilter> nulCharacterFilter(ProblemResponseWriter problems) {
        FilterRegistrationBean<NulCharacterFilter> registration =
                new FilterRegistrationBean<>(new NulCharacterFilter(problems));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 3);
        return registration;
    }

    /** Every JSON string and map key a request binds to is free of the NUL character. */
    @Bean
    JacksonModule nulFreeJsonStrings() {
        return NulCharacters.jsonModule();
    }

    /** The bulkheads whose metrics are published. */
    @Bean
    BulkheadRegistry bulkheadRegistry() {
        return BulkheadRegistry.ofDefaults();
    }

    /**
     * The security chain places it (after CORS, before authentication), so it is not a servlet filter
     * of its own. Logins take no lane: their password check waits in its own bulkhead (auth's
     * BoundedPasswordEncoder), and the rest of a login is a few indexed statements.
     */
    @Bean
    BulkheadFilter bulkheadFilter(
            WebProperties properties, BulkheadRegistry bulkheads, ProblemResponseWriter problems) {
        BulkheadConfig config = BulkheadConfig.custom()
                .maxConcurrentCalls(properties.maxConcurrentRequests())
                .maxWaitDuration(properties.maxQueueWait())
                .fairCallHandlingStrategyEnabled(true)
                .writableStackTraceEnabled(false)
                .build();
        // No limit, no lanes to publish.
        Bulkhead bulkhead = properties.maxConcurrentRequests() == 0
                ? Bulkhead.of("api-requests", config)
                : bulkheads.bulkhead("api-requests", config);
        return new BulkheadFilter(
                bulkhead, problems, PathPatternRequestMatcher.pathPattern(HttpMethod.POST, "/api/v1/auth/login"));
    }

    @Bean
    FilterRegistrationBean<BulkheadFilter> bulkheadFilterRegistration(BulkheadFilter filter) {
        FilterRegistrationBean<BulkheadFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setEnabled(false);
        return registration;
    }

    /** resilience4j.bulkhead.available.concurrent.calls and .max.allowed.concurrent.calls, tagged by name. */
    @Bean
    MeterBinder bulkheadMetrics(BulkheadRegistry bulkheads) {
        return TaggedBulkheadMetrics.ofBulkheadRegistry(bulkheads);
    }
}
