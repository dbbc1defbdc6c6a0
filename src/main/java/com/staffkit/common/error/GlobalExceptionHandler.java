package com.staffkit.common.error;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.converter.HttpMessageNotWritableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import org.springframework.web.util.DisconnectedClientHelper;
import tools.jackson.core.JacksonException;

/**
 * Turns every failure that reaches MVC into RFC 9457 problem+json. Security failures in the filter
 * chain are written by {@link ProblemResponseWriter} in the same shape.
 */
@RestControllerAdvice
class GlobalExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(GlobalExceptionHandler.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<Object> handleApiException(ApiException ex) {
        ResponseEntity<Object> response = problem(ex.status(), ex.type(), ex.title(), ex.detail(), ex.errors());
        if (ex.status() == HttpStatus.UNAUTHORIZED) {
            return ResponseEntity.status(response.getStatusCode())
                    .headers(response.getHeaders())
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"staffkit\"")
                    .body(response.getBody());
        }
        if (ex instanceof RetryAfter retry) {
            return ResponseEntity.status(response.getStatusCode())
                    .headers(response.getHeaders())
                    .header(HttpHeaders.RETRY_AFTER, RetryAfter.seconds(retry.retryAfter()))
                    .body(response.getBody());
        }
        return response;
    }

    @ExceptionHandler({AccessDeniedException.class, AuthorizationDeniedException.class})
    ResponseEntity<Object> handleAccessDenied(RuntimeException ex) {
        return problem(
                HttpStatus.FORBIDDEN,
                "forbidden",
                "Forbidden",
                "You do not have the permission this operation requires.",
                List.of());
    }

    /** A body bound outside MVC's converters, such as a merged PATCH. */
    @ExceptionHandler(JacksonException.class)
    ResponseEntity<Object> handleJackson(JacksonException ex) {
        return handleApiException(JsonBodyProblems.from(ex));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> handleArgumentTypeMismatch(MethodArgumentTypeMismatchException ex) {
        String field = ex.getName();
        String message = mustBe(ex.getRequiredType());
        return problem(
                HttpStatus.BAD_REQUEST,
                "validation",
                "Invalid request",
                field + ": " + message,
                List.of(new FieldViolation(field, message)));
    }

    /** What a query parameter or path variable of this type takes, said without naming Java types. */
    private static String mustBe(Class<?> type) {
        String expected = type == null
                ? "a valid value"
                : switch (type.getSimpleName()) {
                    case "Boolean", "boolean" -> "true or false";
                    case "Long", "long", "Integer", "int" -> "an integer";
                    case "UUID" -> "a UUID";
                    default -> "a valid value";
                };
        return "must be " + expected;
    }

    @ExceptionHandler(OptimisticLockingFailureException.class)
    ResponseEntity<Object> handleOptimisticLock(OptimisticLockingFailureException ex) {
        return problem(
                HttpStatus.CONFLICT,
                "concurrent-modification",
                "Concurrent modification",
                "The resource was changed by another request; read it again and retry.",
                List.of());
    }

    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<Object> handleDataIntegrity(DataIntegrityViolationException ex) {
        log.warn(
                "Unmapped data integrity violation: {}",
                DataIntegrityViolations.constraintName(ex).orElse("?"));
        return problem(
                HttpStatus.CONFLICT,
                "conflict",
                "Conflict with the current state",
                "The request conflicts with existing data.",
                List.of());
    }

    /** A failure of a known kind, however wrapped (PostgreSQL away: 503), else an internal error. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> handleUnexpected(Exception ex) {
        ApiException known = Failures.asApiException(ex);
        if (known != null) {
            log.warn("{}: {}", known.title(), ex.toString());
            return handleApiException(known);
        }
        log.error("Unexpected error", ex);
        return problem(
                HttpStatus.INTERNAL_SERVER_ERROR,
                "internal-error",
                "Internal error",
                "Something went wrong on our side. The failure has been logged.",
                List.of());
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldViolation> errors = new ArrayList<>();
        ex.getBindingResult()
                .getFieldErrors()
                .forEach(error -> errors.add(new FieldViolation(
                        JsonNames.snakeCase(error.getField()),
                        error.contains(TypeMismatchException.class)
                                ? mustBe(error.unwrap(TypeMismatchException.class)
                                        .getRequiredType())
                                : error.getDefaultMessage())));
        ex.getBindingResult()
                .getGlobalErrors()
                .forEach(error -> errors.add(new FieldViolation(error.getObjectName(), error.getDefaultMessage())));
        return validationProblem(errors);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldViolation> errors = new ArrayList<>();
        ex.getParameterValidationResults().forEach(result -> {
            String name = Optional.ofNullable(result.getMethodParameter().getParameterName())
                    .map(JsonNames::snakeCase)
                    .orElse("parameter");
            var requestParam = result.getMethodParameter()
                    .getParameterAnnotation(org.springframework.web.bind.annotation.RequestParam.class);
            if (requestParam != null && !requestParam.name().isEmpty()) {
                name = requestParam.name();
            }
            for (var error : result.getResolvableErrors()) {
                errors.add(new FieldViolation(name, error.getDefaultMessage()));
            }
        });
        return validationProblem(errors);
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(
            MissingServletRequestParameterException ex,
            HttpHeaders headers,
            HttpStatusCode status,
            WebRequest request) {
        return validationProblem(List.of(new FieldViolation(ex.getParameterName(), "is required")));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        PayloadTooLargeException tooLarge = Failures.cause(ex, PayloadTooLargeException.class);
        if (tooLarge != null) {
            return handleApiException(tooLarge);
        }
        JacksonException jackson = Failures.cause(ex, JacksonException.class);
        return handleApiException(
                jackson == null ? new JsonBodyProblems.MalformedBodyException() : JsonBodyProblems.from(jackson));
    }

    /** A client that hung up before reading its answer is no server problem, nor worth a warning per request. */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotWritable(
            HttpMessageNotWritableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (DisconnectedClientHelper.isClientDisconnectedException(ex)) {
            log.debug("Client went away before the response was written: {}", ex.getMessage());
            return null;
        }
        return super.handleHttpMessageNotWritable(ex, headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(
            HttpMediaTypeNotSupportedException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ResponseEntity<Object> response = problem(
                HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "unsupported-media-type",
                "Unsupported media type",
                "Send the request body as application/json.",
                List.of());
        return ResponseEntity.status(response.getStatusCode())
                .headers(response.getHeaders())
                .header(HttpHeaders.ACCEPT, "application/json")
                .body(response.getBody());
    }

    /** No handler and no resource: the same 404 as any path the API does not have, naming no internals. */
    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(
            NoResourceFoundException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return createResponseEntity(StatusProblems.of(HttpStatus.NOT_FOUND.value()), headers, status, request);
    }

    /** Every other MVC exception already is an {@link ErrorResponse}; give it our type URI. */
    @Override
    protected ResponseEntity<Object> createResponseEntity(
            Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
        if (body instanceof ProblemDetail problem
                && (problem.getType() == null
                        || "about:blank".equals(problem.getType().toString()))) {
            problem.setType(ProblemTypes.uri(ProblemTypes.forStatus(statusCode)));
        }
        HttpHeaders responseHeaders = new HttpHeaders();
        responseHeaders.addAll(headers);
        responseHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return new ResponseEntity<>(body, responseHeaders, statusCode);
    }

    private ResponseEntity<Object> validationProblem(List<FieldViolation> errors) {
        String detail = errors.isEmpty()
                ? "The request is not valid."
                : errors.stream()
                        .map(e -> e.field() + ": " + e.message())
                        .reduce((a, b) -> a + "; " + b)
                        .orElseThrow();
        return problem(HttpStatus.BAD_REQUEST, "validation", "Invalid request", detail, errors);
    }

    static ResponseEntity<Object> problem(
            HttpStatusCode status, String type, String title, String detail, List<FieldViolation> errors) {
        ProblemDetail problem = ProblemTypes.problem(status, type, title, detail);
        if (!errors.isEmpty()) {
            problem.setProperty("errors", errors);
        }
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
