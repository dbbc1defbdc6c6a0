package com.staffkit.common.persistence;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Says at start which external database is in use (the embedded one announces itself). */
@Component
@Conditional(ExternalDatabaseCondition.class)
class DatabaseInfoLogger {

    private static final Logger log = LoggerFactory.getLogger(DatabaseInfoLogger.class);

    private final Environment environment;

    DatabaseInfoLogger(Environment environment) {
        this.environment = environment;
    }

    @EventListener(ApplicationReadyEvent.class)
    void logDatabase() {
        String url = environment.getProperty("spring.datasource.url", "");
        // JDBC URLs may carry credentials as query parameters; never log those.
        int query = url.indexOf('?');
        log.info("Database: external PostgreSQL at {}", query < 0 ? url : url.substring(0, query));
    }
}
