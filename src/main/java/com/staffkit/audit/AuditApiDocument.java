package com.staffkit.audit;

import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.Schema;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * A change's {@code from} and {@code to} hold whatever the field holds (a string, a number, a list
 * of role names, null): any JSON value, which no Java type says. Runs after the strict-schema pass,
 * which would otherwise require every property of the record that documents a change.
 */
@Configuration(proxyBeanMethods = false)
class AuditApiDocument {

    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    OpenApiCustomizer auditChangeValues() {
        return api -> {
            Schema<?> change = api.getComponents() == null
                    ? null
                    : api.getComponents().getSchemas().get("AuditChange");
            if (change == null || change.getProperties() == null) {
                return;
            }
            change.getProperties().put("from", anyValue("Its value before (any JSON value); absent for a secret"));
            change.getProperties().put("to", anyValue("Its value after (any JSON value); absent for a secret"));
        };
    }

    private static Schema<?> anyValue(String description) {
        return new JsonSchema().description(description);
    }
}
