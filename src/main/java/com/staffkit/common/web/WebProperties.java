package com.staffkit.common.web;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * @param maxRequestBody the largest request body accepted; larger ones get 413
 * @param maxBulkRequestBody the same for a bulk request ({@code /api/v1/staffs/bulk}: up to 1,000 items)
 * @param maxImportBody the same for a CSV import ({@code POST /api/v1/staffs/imports}), which is streamed
 * @param maxConcurrentRequests API requests worked on at once, the others waiting in arrival order;
 *     unset: twice the processors the JVM sees; 0: no limit
 * @param maxQueueWait how long a request may wait for its turn before it gets 503
 */
@ConfigurationProperties("staffkit.web")
public record WebProperties(
        DataSize maxRequestBody,
        DataSize maxBulkRequestBody,
        DataSize maxImportBody,
        Integer maxConcurrentRequests,
        Duration maxQueueWait) {

    public WebProperties {
        if (maxBulkRequestBody == null) {
            maxBulkRequestBody = DataSize.ofMegabytes(16);
        }
        if (maxImportBody == null) {
            maxImportBody = DataSize.ofMegabytes(256);
        }
        if (maxConcurrentRequests == null) {
            maxConcurrentRequests = 2 * Runtime.getRuntime().availableProcessors();
        }
        if (maxConcurrentRequests < 0) {
            throw new IllegalArgumentException("staffkit.web.max-concurrent-requests must be 0 (no limit) or more");
        }
        if (maxQueueWait == null) {
            maxQueueWait = Duration.ofSeconds(10);
        }
        if (maxQueueWait.isNegative()) {
            throw new IllegalArgumentException("staffkit.web.max-queue-wait must not be negative");
        }
    }
}
