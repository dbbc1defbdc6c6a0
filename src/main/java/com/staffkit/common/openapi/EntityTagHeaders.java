package com.staffkit.common.openapi;

import com.staffkit.common.web.EntityTagged;
import com.staffkit.common.web.IfMatch;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.Arrays;
import java.util.Set;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.method.HandlerMethod;

/**
 * The conditional-request headers of an operation, from its handler: an {@link EntityTagged} one
 * answers with {@code ETag} (a GET also takes {@code If-None-Match} and may answer 304), and one
 * taking an {@link IfMatch} takes {@code If-Match} and may answer 412, or 428 where the operator
 * requires it.
 */
final class EntityTagHeaders {

    private EntityTagHeaders() {}

    static void declare(Operation operation, HandlerMethod handler) {
        ApiResponses responses = operation.getResponses();
        if (handler.hasMethodAnnotation(EntityTagged.class)) {
            ApiResponse ok = responses.get("200");
            if (ok != null) {
                ok.addHeaderObject(
                        "ETag",
                        new Header()
                                .description("The resource's strong entity tag: send it back as If-Match or"
                                        + " If-None-Match")
                                .schema(text()));
            }
            if (handler.hasMethodAnnotation(GetMapping.class)) {
                operation.addParametersItem(new HeaderParameter()
                        .name("If-None-Match")
                        .description("An ETag read before: 304 without a body while the resource still has it")
                        .required(false)
                        .schema(text()));
                responses.putIfAbsent(
                        "304", new ApiResponse().description("Not modified: the resource still has that ETag"));
            }
        }
        boolean conditional = Arrays.stream(handler.getMethodParameters())
                .anyMatch(parameter -> parameter.getParameterType() == IfMatch.class);
        if (conditional) {
            operation.addParametersItem(new HeaderParameter()
                    .name("If-Match")
                    .description("The ETag the change is based on (or *): 412 if the resource has changed since;"
                            + " required when the service runs with STAFFKIT_REQUIRE_IF_MATCH=true (else 428)")
                    .required(false)
                    .schema(text()));
            responses.putIfAbsent(
                    "412", new ApiResponse().description("The resource has changed since the ETag in If-Match"));
            responses.putIfAbsent(
                    "428", new ApiResponse().description("If-Match is required (STAFFKIT_REQUIRE_IF_MATCH=true)"));
        }
    }

    private static JsonSchema text() {
        return (JsonSchema) new JsonSchema().types(Set.of("string"));
    }
}
