package com.staffkit.idempotency;

import com.staffkit.common.error.ProblemResponseWriter;
import java.time.Clock;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class IdempotencyConfiguration {

    /**
     * Right after Spring Security's chain: the credential is known, refusals (401, 403, overload)
     * have already been answered and claim no key, and everything later is the work a key guards.
     */
    @Bean
    FilterRegistrationBean<IdempotencyFilter> idempotencyFilter(
            IdempotencyKeys keys,
            IdempotencyProperties properties,
            ProblemResponseWriter problems,
            Clock clock,
            SecurityFilterProperties security) {
        FilterRegistrationBean<IdempotencyFilter> registration =
                new FilterRegistrationBean<>(new IdempotencyFilter(keys, properties, problems, clock));
        registration.setOrder(security.getOrder() + 1);
        return registration;
    }
}
