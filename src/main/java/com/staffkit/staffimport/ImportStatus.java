package com.staffkit.staffimport;

import java.util.Locale;

/** Where an import stands. It ends succeeded (whatever its failed rows) or failed (with its reason). */
enum ImportStatus {
    QUEUED,
    RUNNING,
    SUCCEEDED,
    FAILED;

    String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    static ImportStatus of(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
