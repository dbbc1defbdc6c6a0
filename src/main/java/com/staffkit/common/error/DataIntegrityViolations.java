package com.staffkit.common.error;

import java.util.Optional;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/** Reads which constraint a failed write violated, so a service can name the field. */
public final class DataIntegrityViolations {

    private DataIntegrityViolations() {}

    public static Optional<String> constraintName(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof PSQLException psql) {
                ServerErrorMessage message = psql.getServerErrorMessage();
                return Optional.ofNullable(message == null ? null : message.getConstraint());
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return Optional.empty();
    }
}
