package com.staffkit.audit;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param retention how long events are kept: a month is dropped once its last day is this old
 * @param monthsAhead how many months after the current one have their partition ready
 */
@ConfigurationProperties("staffkit.audit")
record AuditProperties(
        @DefaultValue("400d") Duration retention,
        @DefaultValue("2") int monthsAhead) {

    AuditProperties {
        if (retention.compareTo(Duration.ofDays(31)) < 0) {
            throw new IllegalArgumentException("staffkit.audit.retention must be at least 31 days (one month)");
        }
        if (monthsAhead < 1 || monthsAhead > 12) {
            throw new IllegalArgumentException("staffkit.audit.months-ahead must be between 1 and 12");
        }
    }
}
