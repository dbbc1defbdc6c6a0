package com.staffkit.staffimport;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param pollInterval how often a worker looks for imports no instance is running (queued elsewhere,
 *     or abandoned by an instance that died); an upload on this instance starts at once
 * @param lease how long a claim holds without a chunk being applied: after that an instance is
 *     presumed dead and another takes the import over
 * @param retryWait how long an import waits after a chunk failed before any instance tries it again
 * @param concurrentImports imports one instance runs at once
 * @param retention how long a finished import (its counters and errors) stays readable
 */
@ConfigurationProperties("staffkit.imports")
record StaffImportProperties(
        @DefaultValue("5s") Duration pollInterval,
        @DefaultValue("2m") Duration lease,
        @DefaultValue("10s") Duration retryWait,
        @DefaultValue("1") int concurrentImports,
        @DefaultValue("30d") Duration retention) {

    StaffImportProperties {
        if (!pollInterval.isPositive() || !lease.isPositive() || retryWait.isNegative() || !retention.isPositive()) {
            throw new IllegalArgumentException(
                    "staffkit.imports.poll-interval, .lease and .retention must be positive, .retry-wait not negative");
        }
        if (concurrentImports < 1) {
            throw new IllegalArgumentException("staffkit.imports.concurrent-imports must be 1 or more");
        }
    }
}
