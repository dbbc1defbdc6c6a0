package com.staffkit.common.openapi;

import com.staffkit.common.error.ProblemTypes;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springdoc.core.annotations.ParameterObject;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;

/**
 * The answers of every operation beyond its success body: a created resource's {@code Location},
 * and the errors it can give, each under
 * {@code application/problem+json} with the one shared problem schema and an example of its own
 * status. An operation declares the unusual ones itself ({@code @ApiResponse(responseCode = "429")});
 * the rest follow from its shape: a credential, a body, a path id, a write.
 */
final class OperationResponses implements OperationCustomizer {

    static final String PROBLEM = "Problem";
    static final String FIELD_ERROR = "FieldError";
    static final String PROBLEM_JSON = "application/problem+json";

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        boolean isPublic =
                operation.getSecurity() != null && operation.getSecurity().isEmpty();
        boolean hasBody =
                Arrays.stream(handler.getMethodParameters()).anyMatch(p -> p.hasParameterAnnotation(RequestBody.class));
        boolean hasInput = Arrays.stream(handler.getMethodParameters())
                .anyMatch(p -> p.hasParameterAnnotation(PathVariable.class)
                        || p.hasParameterAnnotation(RequestParam.class)
                        || p.hasParameterAnnotation(ParameterObject.class)
                        || p.hasParameterAnnotation(RequestBody.class));
        boolean changes = handler.hasMethodAnnotation(PostMapping.class)
                || handler.hasMethodAnnotation(PutMapping.class)
                || handler.hasMethodAnnotation(PatchMapping.class)
                || handler.hasMethodAnnotation(DeleteMapping.class);
        EntityTagHeaders.declare(operation, handler);
        ApiResponses responses = operation.getResponses();
        ApiResponse created = responses.get("201");
        if (created != null) {
            created.addHeaderObject(
                    "Location",
                    new Header()
                            .description("The address of the new resource")
                            .schema(new JsonSchema().types(Set.of("string")).format("uri-reference")));
        }
        add(responses, HttpStatus.BAD_REQUEST, "Invalid request: a malformed URL, parameter or body");
        if (!isPublic) {
            add(responses, HttpStatus.UNAUTHORIZED, "Missing, invalid, expired or revoked credential");
            add(responses, HttpStatus.FORBIDDEN, "The caller lacks the permission this operation requires");
            if (hasInput) {
                add(responses, HttpStatus.NOT_FOUND, "No such resource in the caller's organizations");
            }
            if (changes) {
                add(
                        responses,
                        HttpStatus.CONFLICT,
                        "A unique value is in use, the resource is in use, or a concurrent change");
            }
        }
        if (hasBody) {
            add(responses, HttpStatus.PAYLOAD_TOO_LARGE, "The request body is too large");
            add(responses, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "The request body is not application/json");
        }
        add(
                responses,
                HttpStatus.SERVICE_UNAVAILABLE,
                "Overloaded or the database is unreachable; retry after Retry-After");
        // Declared ones (410, 429, a public 401 or 404) get the same content, and every error comes in code order.
        Map<String, ApiResponse> ordered = new LinkedHashMap<>();
        responses.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> ordered.put(e.getKey(), withProblem(e.getKey(), e.getValue())));
        responses.clear();
        responses.putAll(ordered);
        return operation;
    }

    private static void add(ApiResponses responses, HttpStatus status, String description) {
        responses.putIfAbsent(Integer.toString(status.value()), new ApiResponse().description(description));
    }

    private static ApiResponse withProblem(String code, ApiResponse response) {
        int status = Integer.parseInt(code);
        if (status < 400) {
            return response;
        }
        if (status == 429 || status == 503) {
            response.addHeaderObject(
                    "Retry-After",
                    new Header()
                            .description("Seconds to wait before retrying")
                            .schema(new JsonSchema().types(Set.of("integer")).minimum(java.math.BigDecimal.ONE)));
        }
        return response.content(new Content()
                .addMediaType(
                        PROBLEM_JSON,
                        new MediaType()
                                .schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))
                                .example(Json.mapper().valueToTree(example(HttpStatus.valueOf(status))))));
    }

    /** A realistic problem of each status, as the service writes it. */
    static Map<String, Object> example(HttpStatus status) {
        Map<String, Object> problem = new LinkedHashMap<>();
        String type = ProblemTypes.forStatus(status);
        String title = status.getReasonPhrase();
        String detail;
        switch (status) {
            case BAD_REQUEST -> {
                type = "validation";
                title = "Invalid request";
                detail = "email: must be a well-formed email address";
            }
            case UNAUTHORIZED -> {
                title = "Authentication required";
                detail = "Send a valid access token, or an API key as X-Api-Key or Authorization: Token.";
            }
            case FORBIDDEN -> detail = "You do not have the permission this operation requires.";
            case NOT_FOUND -> {
                title = "Resource not found";
                detail = "No staff member with id 68.";
            }
            case CONFLICT -> {
                title = "Conflict with the current state";
                detail = "This email is already in use.";
            }
            case GONE -> {
                type = "token-gone";
                title = "Token no longer valid";
                detail = "This activation token was already used, replaced by a newer one, or has expired."
                        + " Ask for a new email.";
            }
            case PAYLOAD_TOO_LARGE -> {
                title = "Request body too large";
                detail = "The request body exceeds the limit of 1048576 bytes.";
            }
            case UNSUPPORTED_MEDIA_TYPE -> detail = "Send the request body as application/json.";
            case PRECONDITION_FAILED -> {
                title = "Precondition failed";
                detail = "The resource has changed since the version in If-Match; read it again and retry.";
            }
            case PRECONDITION_REQUIRED -> {
                title = "Precondition required";
                detail = "Send If-Match with the ETag of the resource as you last read it.";
            }
            case TOO_MANY_REQUESTS -> detail = "Too many requests of this kind. Try again later.";
            case SERVICE_UNAVAILABLE -> {
                type = "service-unavailable";
                detail = "The service cannot answer now. Retry after the time in Retry-After.";
            }
            default -> detail = status.getReasonPhrase() + ".";
        }
        problem.put("type", ProblemTypes.uri(type).toString());
        problem.put("title", title);
        problem.put("status", status.value());
        problem.put("detail", detail);
        problem.put("instance", "/api/v1/staffs/68");
        if (status == HttpStatus.BAD_REQUEST) {
            // Ordered, so the document is written the same way every time.
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("field", "email");
            error.put("message", "must be a well-formed email address");
            problem.put("errors", List.of(error));
        }
        return problem;
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    static Schema problemSchema() {
        Schema schema = object("RFC 9457 problem details")
                .addProperty(
                        "type",
                        string("A stable URI naming the kind of problem").format("uri"))
                .addProperty("title", string("A fixed summary of the kind of problem"))
                .addProperty(
                        "status",
                        new JsonSchema()
                                .types(Set.of("integer"))
                                .minimum(java.math.BigDecimal.valueOf(400))
                                .maximum(java.math.BigDecimal.valueOf(599)))
                .addProperty("detail", string("What went wrong with this request"))
                .addProperty("instance", string("The request path").format("uri-reference"))
                .addProperty(
                        "errors",
                        new JsonSchema()
                                .types(Set.of("array"))
                                .description("The invalid fields or parameters, when there are any")
                                .items(new Schema<>().$ref("#/components/schemas/" + FIELD_ERROR)));
        schema.setRequired(List.of("type", "title", "status", "detail", "instance"));
        return schema;
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    static Schema fieldErrorSchema() {
        Schema schema = object("One invalid field or parameter")
                .addProperty("field", string("Its JSON path or parameter name, in snake_case"))
                .addProperty("message", string("What is wrong with it"));
        schema.setRequired(List.of("field", "message"));
        schema.setAdditionalProperties(Boolean.FALSE);
        return schema;
    }

    @SuppressWarnings("rawtypes")
    private static Schema object(String description) {
        return new JsonSchema().types(Set.of("object")).description(description);
    }

    @SuppressWarnings("rawtypes")
    private static Schema string(String description) {
        return new JsonSchema().types(Set.of("string")).description(description);
    }
}
