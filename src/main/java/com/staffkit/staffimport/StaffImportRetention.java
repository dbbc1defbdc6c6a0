package com.staffkit.staffimport;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Finished imports (their counters and errors, which quote rows' problems) leave once their
 * retention has passed. Any instance may run it; two at once delete disjoint or already-deleted rows.
 */
@Component
class StaffImportRetention {

    private static final Logger log = LoggerFactory.getLogger(StaffImportRetention.class);

    private final StaffImports imports;
    private final StaffImportProperties properties;
    private final Clock clock;

    StaffImportRetention(StaffImports imports, StaffImportProperties properties, Clock clock) {
        this.imports = imports;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    void purge() {
        try {
            int deleted = imports.deleteFinishedBefore(clock.instant().minus(properties.retention()));
            if (deleted > 0) {
                log.info("Staff imports: {} finished more than {} ago removed", deleted, properties.retention());
            }
        } catch (RuntimeException ex) {
            log.warn("Purging finished staff imports failed; it runs again within the hour: {}", ex.toString());
        }
    }
}
