package com.staffkit.common.web;

import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Conditional writes: {@link IfMatch} parameters, required when {@code STAFFKIT_REQUIRE_IF_MATCH=true}. */
@Configuration(proxyBeanMethods = false)
class ConditionalWrites implements WebMvcConfigurer {

    private final boolean requireIfMatch;

    ConditionalWrites(@Value("${staffkit.require-if-match:false}") boolean requireIfMatch) {
        this.requireIfMatch = requireIfMatch;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new IfMatchArgumentResolver(requireIfMatch));
    }
}
