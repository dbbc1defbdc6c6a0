package com.staffkit.common.persistence;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The embedded PostgreSQL used when no {@code spring.datasource.url} is configured.
 *
 * @param enabled whether to start one at all when no datasource URL is given
 * @param dataDirectory where its data persists across restarts
 * @param port the port to listen on; 0 picks a free one
 */
@ConfigurationProperties("staffkit.embedded-database")
public record EmbeddedDatabaseProperties(boolean enabled, String dataDirectory, int port) {}
