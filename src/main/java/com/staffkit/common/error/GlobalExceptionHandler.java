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
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import org.springframework.web.util.DisconnectedClientHelper;
import tools.jackson.core.JacksonException;

/**
 * Turns every failure that reaches MVC into RFC 9457 problem+json (under {@code /scim/}, into the
 * SCIM error schema: {@link ScimErrors}). Security failures in the filter chain are written by
 * {@link ProblemResponseWriter} in the same shape.
 */
@RestControllerAdvice
class GlobalExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(GlobalExceptionHandler.class);

    /** Every business failure answers with its own problem and its own headers. */
    @ExceptionHandler(ApiException.class)
    ResponseEntity<Object> handleApiException(ApiException ex, WebRequest request) {
        return createResponseEntity(ex.getBody(), ex.getHeaders(), ex.getStatusCode(), request);
    }

    @ExceptionHandler({AccessDeniedException.class, AuthorizationDeniedException.class})
    ResponseEntity<Object> handleAccessDenied(RuntimeException ex, WebRequest request) {
        return handleApiException(KnownFailures.problemOf(ex).orElseThrow(), request);
    }

    /** A body bound outside MVC's converters, such as a merged PATCH. */
    @ExceptionHandler(JacksonException.class)
    ResponseEntity<Object> handleJackson(JacksonException ex, WebRequest request) {
        return handleApiException(KnownFailures.problemOf(ex).orElseThrow(), request);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> handleArgumentTypeMismatch(MethodArgumentTypeMismatchException ex, WebRequest request) {
        return handleApiException(
                InvalidRequestException.forField(ex.getName(), FieldViolation.mustBe(ex.getRequiredType())), request);
    }

    @ExceptionHandler(OptimisticLockingFailureException.class)
    ResponseEntity<Object> handleOptimisticLock(OptimisticLockingFailureException ex, WebRequest request) {
        return handleApiException(KnownFailures.problemOf(ex).orElseThrow(), request);
    }

    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<Object> handleDataIntegrity(DataIntegrityViolationException ex, WebRequest request) {
        log.warn(
                "Unmapped data integrity violation: {}",
                DataIntegrityViolations.constraintName(ex).orElse("?"));
        return handleApiException(KnownFailures.problemOf(ex).orElseThrow(), request);
    }

    /** A failure of a known kind, however wrapped (PostgreSQL away: 503), else an internal error. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> handleUnexpected(Exception ex, WebRequest request) {
        ApiException known = KnownFailures.problemOf(ex).orElse(null);
        if (known != null) {
            log.warn("{}: {}", known.title(), ex.toString());
            return handleApiException(known, request);
        }
        log.error("Unexpected error", ex);
        ProblemDetail problem = ProblemTypes.problem(
                HttpStatus.INTERNAL_SERVER_ERROR,
                "internal-error",
                "Internal error",
                "Something went wrong on our side. The failure has been logged.");
        return createResponseEntity(problem, new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, request);
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
                                ? FieldViolation.mustBe(error.unwrap(TypeMismatchException.class)
                                        .getRequiredType())
                                : error.getDefaultMessage())));
        ex.getBindingResult()
                .getGlobalErrors()
                .forEach(error -> errors.add(new FieldViolation(error.getObjectName(), error.getDefaultMessage())));
        return handleApiException(InvalidRequestException.of(errors), request);
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
        return handleApiException(InvalidRequestException.of(errors), request);
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(
            MissingServletRequestParameterException ex,
            HttpHeaders headers,
            HttpStatusCode status,
            WebRequest request) {
        return handleApiException(InvalidRequestException.forField(ex.getParameterName(), "is required"), request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        PayloadTooLargeException tooLarge = Failures.cause(ex, PayloadTooLargeException.class);
        if (tooLarge != null) {
            return handleApiException(tooLarge, request);
        }
        JacksonException jackson = Failures.cause(ex, JacksonException.class);
        return handleApiException(
                jackson == null ? new JsonBodyProblems.MalformedBodyException() : JsonBodyProblems.from(jackson),
                request);
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
        // JSON everywhere but where an operation takes another type only (text/csv for an import).
        List<MediaType> supported = ex.getSupportedMediaTypes();
        boolean takesJson = supported.isEmpty()
                || supported.stream().anyMatch(type -> type.getSubtype().endsWith("json"));
        String media = takesJson ? "application/json" : MediaType.toString(supported);
        ProblemDetail problem = ProblemTypes.problem(
                HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "unsupported-media-type",
                "Unsupported media type",
                "Send the request body as " + media + ".");
        HttpHeaders accept = new HttpHeaders();
        boolean scim = request instanceof ServletWebRequest servlet && ScimErrors.covers(servlet.getRequest());
        accept.set(HttpHeaders.ACCEPT, scim ? ScimErrors.MEDIA_TYPE_VALUE + ", application/json" : media);
        return createResponseEntity(problem, accept, HttpStatus.UNSUPPORTED_MEDIA_TYPE, request);
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
        if (body instanceof ProblemDetail problem
                && request instanceof ServletWebRequest servlet
                && ScimErrors.covers(servlet.getRequest())) {
            responseHeaders.setContentType(ScimErrors.MEDIA_TYPE);
            return new ResponseEntity<>(ScimErrors.body(problem), responseHeaders, statusCode);
        }
        responseHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return new ResponseEntity<>(body, responseHeaders, statusCode);
    }
}
