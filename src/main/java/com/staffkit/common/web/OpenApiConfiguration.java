package com.staffkit.common.web;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.Map;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;

/**
 * The API description behind Swagger UI: the bearer scheme (click Authorize, paste the token from
 * the login response) and the problem responses every operation can give.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String BEARER = "bearer";
    private static final String PROBLEM = "Problem";

    /** Schemas in snake_case like the JSON itself, so Swagger UI's "Try it out" sends what the API accepts. */
    @Bean
    ModelResolver snakeCaseModelResolver() {
        return new ModelResolver(Json.mapper().copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE));
    }

    @Bean
    OpenAPI staffkitOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("Staffkit API")
                        .version("v1")
                        .description("Staff accounts of organizations: staff, roles, teams, stores and activation."
                                + " Log in with POST /api/v1/auth/login, then click Authorize and paste the"
                                + " access_token. Errors are RFC 9457 application/problem+json."))
                .components(new Components()
                        .addSecuritySchemes(
                                BEARER,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .description("The access_token from POST /api/v1/auth/login"))
                        .addSchemas(PROBLEM, problemSchema()))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }

    /** Adds the error responses every operation can give, so each one documents them. */
    @Bean
    OperationCustomizer problemResponses() {
        return (operation, handlerMethod) -> {
            boolean writes = handlerMethod.hasMethodAnnotation(PostMapping.class)
                    || handlerMethod.hasMethodAnnotation(PutMapping.class)
                    || handlerMethod.hasMethodAnnotation(PatchMapping.class);
            boolean hasPathId = handlerMethod.getMethod().getParameterCount() > 0
                    && java.util.Arrays.stream(handlerMethod.getMethodParameters())
                            .anyMatch(p -> p.hasParameterAnnotation(
                                    org.springframework.web.bind.annotation.PathVariable.class));
            boolean isPublic =
                    operation.getSecurity() != null && operation.getSecurity().isEmpty();
            var responses = operation.getResponses();
            responses.putIfAbsent(
                    "400", problem("Invalid request: malformed JSON, unknown property or bad field values"));
            if (isPublic) {
                responses.putIfAbsent("401", problem("Invalid credentials"));
            } else {
                responses.putIfAbsent("401", problem("Missing, invalid, expired or revoked bearer token"));
                responses.putIfAbsent("403", problem("The caller lacks the permission this operation requires"));
            }
            Class<?> returned = handlerMethod.getReturnType().getParameterType();
            boolean collection = PageResponse.class.isAssignableFrom(returned)
                    || java.util.Collection.class.isAssignableFrom(returned);
            if (!isPublic && (hasPathId || !collection)) {
                responses.putIfAbsent("404", problem("No such resource in the caller's organizations"));
            }
            if (writes || handlerMethod.hasMethodAnnotation(DeleteMapping.class)) {
                responses.putIfAbsent(
                        "409",
                        problem("A unique value is already in use, the resource is in use, or a concurrent change"));
            }
            if (writes) {
                responses.putIfAbsent("413", problem("Request body too large"));
                responses.putIfAbsent("415", problem("Content type is not application/json"));
            }
            responses.putIfAbsent("503", problem("Too many requests in progress; retry after Retry-After seconds"));
            return operation;
        };
    }

    private static ApiResponse problem(String description) {
        return new ApiResponse()
                .description(description)
                .content(new Content()
                        .addMediaType(
                                "application/problem+json",
                                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
    }

    @SuppressWarnings("rawtypes")
    private static Schema problemSchema() {
        ObjectSchema error = new ObjectSchema();
        error.addProperty("field", new StringSchema().example("email"));
        error.addProperty("message", new StringSchema().example("This email is already in use."));
        ObjectSchema schema = new ObjectSchema();
        schema.description("RFC 9457 problem details");
        schema.addProperty("type", new StringSchema().example("https://staffkit.dev/problems/conflict"));
        schema.addProperty("title", new StringSchema().example("Conflict with the current state"));
        schema.addProperty("status", new IntegerSchema().example(409));
        schema.addProperty("detail", new StringSchema().example("This email is already in use."));
        schema.addProperty("instance", new StringSchema().example("/api/v1/staffs"));
        schema.addProperty("errors", new ArraySchema().items(error));
        schema.example(Map.of(
                "type", "https://staffkit.dev/problems/conflict",
                "title", "Conflict with the current state",
                "status", 409,
                "detail", "This email is already in use.",
                "errors", java.util.List.of(Map.of("field", "email", "message", "This email is already in use."))));
        return schema;
    }
}
