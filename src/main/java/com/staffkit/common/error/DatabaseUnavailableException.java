package com.staffkit.common.error;

import java.time.Duration;
import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * PostgreSQL cannot be reached: a 503 the client may retry, answered within the pool's connection
 * timeout instead of after it queued for long. Its detail names no component.
 */
public class DatabaseUnavailableException extends ApiException {

    public DatabaseUnavailableException() {
        super(
                HttpStatus.SERVICE_UNAVAILABLE,
                "service-unavailable",
                "Service unavailable",
                "The service is temporarily unavailable; retry in a moment.",
                List.of());
        retryAfter(Duration.ofSeconds(5));
    }
}
