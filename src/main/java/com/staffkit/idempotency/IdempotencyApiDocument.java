package com.staffkit.idempotency;

import com.staffkit.common.error.ProblemTypes;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.method.HandlerMethod;

/**
 * Declares {@code Idempotency-Key} on the operations {@link IdempotencyFilter} honours: every
 * {@code POST} that needs a credential (public ones have none to scope a key by). Runs after the
 * shared error responses are in place, so it adds its 422 and extends their 409.
 */
@Configuration(proxyBeanMethods = false)
class IdempotencyApiDocument {

    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String PROBLEM_SCHEMA = "#/components/schemas/Problem";

    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    OperationCustomizer idempotencyKeyHeader() {
        return IdempotencyApiDocument::customize;
    }

    static Operation customize(Operation operation, HandlerMethod handler) {
        boolean isPublic =
                operation.getSecurity() != null && operation.getSecurity().isEmpty();
        if (isPublic || !handler.hasMethodAnnotation(PostMapping.class)) {
            return operation;
        }
        operation.addParametersItem(new HeaderParameter()
                .name(IdempotencyKey.HEADER)
                .required(false)
                .description("Makes a retry safe: a retry with the same key and the same request gets the first"
                        + " answer again (with `Idempotent-Replayed: true`) instead of doing the work twice. Kept"
                        + " for 24 hours per credential; 1 to 255 printable ASCII characters, bare or as a"
                        + " structured-field string (`\"…\"`). A UUID per logical request is a good key.")
                .schema(new JsonSchema()
                        .types(Set.of("string"))
                        .minLength(1)
                        .maxLength(IdempotencyKey.MAX_LENGTH)
                        .pattern("^[\\x20-\\x7E]+$"))
                .example("8e03978e-40d5-43e8-bc93-6894a57f9324"));
        ApiResponses responses = operation.getResponses();
        responses.forEach((code, response) -> {
            if (code.startsWith("2")) {
                response.addHeaderObject(
                        IdempotencyFilter.REPLAYED_HEADER,
                        new Header()
                                .description("`true` when this is the kept answer to an earlier request with the"
                                        + " same Idempotency-Key; absent otherwise")
                                .schema(replayed()));
            }
        });
        ApiResponse conflict = responses.get("409");
        if (conflict != null) {
            conflict.description(conflict.getDescription()
                    + "; or a request with the same Idempotency-Key is still running (retry after Retry-After)");
            conflict.addHeaderObject(
                    "Retry-After",
                    new Header()
                            .description("Seconds to wait before retrying, when the Idempotency-Key is in use")
                            .schema(new JsonSchema().types(Set.of("integer")).minimum(BigDecimal.ONE)));
        }
        responses.put("422", reusedKey());
        Map<String, ApiResponse> ordered = new LinkedHashMap<>();
        responses.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> ordered.put(e.getKey(), e.getValue()));
        responses.clear();
        responses.putAll(ordered);
        return operation;
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Schema replayed() {
        Schema schema = new JsonSchema().types(Set.of("string"));
        schema.addEnumItemObject("true");
        return schema;
    }

    private static ApiResponse reusedKey() {
        IdempotencyKeyException example = IdempotencyKeyException.reused();
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", ProblemTypes.uri("idempotency-key-reused").toString());
        problem.put("title", example.title());
        problem.put("status", HttpStatus.UNPROCESSABLE_CONTENT.value());
        problem.put("detail", example.detail());
        problem.put("instance", "/api/v1/staffs");
        return new ApiResponse()
                .description("The Idempotency-Key was first used for a different request (path, query or body)")
                .content(new Content()
                        .addMediaType(
                                PROBLEM_JSON,
                                new MediaType()
                                        .schema(new Schema<>().$ref(PROBLEM_SCHEMA))
                                        .example(problem)));
    }
}
