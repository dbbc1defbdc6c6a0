package com.staffkit.common.error;

/** Recognizes failures of a known kind wherever they surface, wrapped or not. */
final class Failures {

    private Failures() {}

    /** The problem a failure stands for, or null when it is of no known kind. */
    static ApiException asApiException(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ApiException api) {
                return api;
            }
        }
        return null;
    }
}
