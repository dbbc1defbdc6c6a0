package com.staffkit.staffimport;

import com.staffkit.common.error.InvalidRequestException;
import com.staffkit.staff.StaffImportRows;
import java.util.Locale;

/** How rows become staff: {@code create} only creates; {@code upsert} changes the staff member a row matches. */
enum ImportMode {
    CREATE(StaffImportRows.Mode.CREATE),
    UPSERT(StaffImportRows.Mode.UPSERT);

    private final StaffImportRows.Mode rows;

    ImportMode(StaffImportRows.Mode rows) {
        this.rows = rows;
    }

    StaffImportRows.Mode rows() {
        return rows;
    }

    /** As the API and the table name it. */
    String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The query parameter {@code mode}: absent is create. */
    static ImportMode of(String code) {
        for (ImportMode mode : values()) {
            if (mode.code().equals(code)) {
                return mode;
            }
        }
        throw InvalidRequestException.forField("mode", "must be create or upsert");
    }
}
