package com.staffkit.common.error;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import org.hibernate.TransactionException;
import org.hibernate.exception.JDBCConnectionException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Recognizes failures of a known kind wherever they surface, wrapped or not: in a controller (the
 * advice asks) or in a filter before any controller ran (the error controller asks).
 */
final class Failures {

    /** SQLSTATE class 08: connection exception. */
    private static final String CONNECTION_EXCEPTION = "08";

    private Failures() {}

    /** The problem a failure stands for, or null when it is of no known kind. */
    static ApiException asApiException(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ApiException api) {
                return api;
            }
            if (isConnectionFailure(t)) {
                return new DatabaseUnavailableException();
            }
        }
        return null;
    }

    /** The first failure of this type in the chain, or null. */
    static <T extends Throwable> T cause(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /**
     * No connection to PostgreSQL: none to be had from the pool within its timeout, none could be
     * opened, or the one in use broke. A transaction that cannot be ended on a connection reporting
     * no SQL state is one whose connection the pool already closed as broken; the rollback's failure
     * then replaces the one that broke it.
     */
    private static boolean isConnectionFailure(Throwable t) {
        return t instanceof CannotCreateTransactionException
                || (t instanceof TransactionException
                        && t.getCause() instanceof SQLException sql
                        && (sql.getSQLState() == null || sql.getSQLState().startsWith(CONNECTION_EXCEPTION)))
                || t instanceof DataAccessResourceFailureException
                || t instanceof JDBCConnectionException
                || t instanceof SQLTransientConnectionException
                || t instanceof SQLNonTransientConnectionException
                || t instanceof ConnectException
                || (t instanceof SQLException sql
                        && sql.getSQLState() != null
                        && sql.getSQLState().startsWith(CONNECTION_EXCEPTION));
    }
}
