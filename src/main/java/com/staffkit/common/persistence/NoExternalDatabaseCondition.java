package com.staffkit.common.persistence;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.PropertyResolver;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/** Matches when no datasource URL is configured and the embedded database is enabled. */
class NoExternalDatabaseCondition implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        var environment = context.getEnvironment();
        return !hasDatasourceUrl(environment) && embeddedEnabled(environment);
    }

    static boolean hasDatasourceUrl(PropertyResolver environment) {
        return StringUtils.hasText(environment.getProperty("spring.datasource.url"));
    }

    static boolean embeddedEnabled(PropertyResolver environment) {
        return environment.getProperty("staffkit.embedded-database.enabled", Boolean.class, true);
    }
}
