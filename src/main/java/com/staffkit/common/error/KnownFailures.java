package com.staffkit.common.error;

import java.util.Optional;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.security.access.AccessDeniedException;
import tools.jackson.core.JacksonException;

/**
 * The problem a failure answers with, in one place: for a request ({@link GlobalExceptionHandler})
 * and for each item of a bulk request, which reports every item's failure as a single request
 * would have.
 */
public final class KnownFailures {

    private KnownFailures() {}

    /** The problem of a failure of a known kind, however wrapped; empty for an unexpected failure. */
    public static Optional<ApiException> problemOf(Throwable failure) {
        return Optional.ofNullable(
                switch (failure) {
                    case ApiException api -> api;
                    case AccessDeniedException _ ->
                        new ForbiddenException("You do not have the permission this operation requires.");
                    case JacksonException jackson -> JsonBodyProblems.from(jackson);
                    case OptimisticLockingFailureException _ -> ConflictException.concurrentModification();
                    case DataIntegrityViolationException _ ->
                        new ConflictException("The request conflicts with existing data.");
                    default -> Failures.asApiException(failure);
                });
    }
}
