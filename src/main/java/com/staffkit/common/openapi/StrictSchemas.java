package com.staffkit.common.openapi;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.staffkit.common.paging.PageRequest;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * Makes the schemas say exactly what the server accepts and returns, from the Java records behind
 * them. A request schema refuses unknown properties (the server does), and its optional properties
 * accept {@code null} (the server reads it as absent). A response schema lists every property as
 * required (each is always sent) and allows {@code null} only where the record says
 * {@code @Nullable}. A merge patch ({@code PATCH}) gets a schema of its own: the replace schema
 * with nothing required and {@code null} clearing a field ({@link MergePatchSchemas}).
 */
final class StrictSchemas implements OpenApiCustomizer {

    private final RecordSchemas records;

    StrictSchemas(RecordSchemas records) {
        this.records = records;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public void customise(OpenAPI api) {
        Map<String, Schema> schemas = api.getComponents().getSchemas();
        Set<String> requests = new TreeSet<>();
        Set<String> responses = new TreeSet<>();
        for (Operation operation : operations(api)) {
            if (operation.getParameters() != null) {
                operation.getParameters().forEach(StrictSchemas::boundPageParameter);
            }
            if (operation.getRequestBody() != null) {
                operation.getRequestBody().getContent().values().forEach(m -> reach(m.getSchema(), schemas, requests));
            }
            operation.getResponses().forEach((code, response) -> {
                if (code.startsWith("2") && response.getContent() != null) {
                    response.getContent().values().forEach(m -> reach(m.getSchema(), schemas, responses));
                }
            });
        }
        requests.forEach(name -> strictRequest(schemas.get(name), records.recordOf(name)));
        responses.stream()
                .filter(name -> !requests.contains(name))
                .forEach(name -> exactResponse(schemas.get(name), records.recordOf(name)));
        MergePatchSchemas.apply(api);
        schemas.values().forEach(StrictSchemas::dropItemExamplesCopiedFromTheArray);
    }

    /** An example like {@code ["manager"]} on a list is the list's, not each item's (swagger-core copies it down). */
    @SuppressWarnings("rawtypes")
    private static void dropItemExamplesCopiedFromTheArray(Schema schema) {
        if (schema.getProperties() == null) {
            return;
        }
        for (Object value : schema.getProperties().values()) {
            Schema property = (Schema) value;
            Schema target = property.getAnyOf() != null ? null : property;
            if (target != null
                    && target.getItems() != null
                    && target.getItems().getExample() instanceof String example
                    && example.startsWith("[")) {
                target.getItems().setExample(null);
                target.getItems().setExampleSetFlag(false);
                target.getItems().setDescription(null);
            }
        }
    }

    /** The bounds {@link PageRequest} enforces, wherever a list takes them. */
    @SuppressWarnings("rawtypes")
    private static void boundPageParameter(io.swagger.v3.oas.models.parameters.Parameter parameter) {
        Schema schema = parameter.getSchema();
        switch (parameter.getName()) {
            case "page" -> schema.minimum(BigDecimal.ONE)._default(1);
            // A list with bounds of its own (the audit trail's 200) declares them on its parameter.
            case "page_size" -> {
                if (schema.getMaximum() == null) {
                    schema.minimum(BigDecimal.ONE)
                            .maximum(BigDecimal.valueOf(PageRequest.MAX_PAGE_SIZE))
                            ._default(PageRequest.DEFAULT_PAGE_SIZE);
                }
            }
            case "after" -> schema.minimum(BigDecimal.ZERO);
            default -> {}
        }
    }

    private static List<Operation> operations(OpenAPI api) {
        List<Operation> operations = new ArrayList<>();
        api.getPaths().values().forEach(item -> operations.addAll(item.readOperations()));
        return operations;
    }

    /** Collects the named schemas a schema leads to. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void reach(@Nullable Schema schema, Map<String, Schema> schemas, Set<String> into) {
        if (schema == null) {
            return;
        }
        String name = RecordSchemas.refName(schema.get$ref());
        if (name != null) {
            if (into.add(name)) {
                reach(schemas.get(name), schemas, into);
            }
            return;
        }
        if (schema.getProperties() != null) {
            schema.getProperties().values().forEach(p -> reach((Schema) p, schemas, into));
        }
        reach(schema.getItems(), schemas, into);
        if (schema.getAdditionalProperties() instanceof Schema additional) {
            reach(additional, schemas, into);
        }
        for (List<Schema> group : new List[] {schema.getAllOf(), schema.getAnyOf(), schema.getOneOf()}) {
            if (group != null) {
                group.forEach(s -> reach(s, schemas, into));
            }
        }
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void strictRequest(@Nullable Schema schema, Optional<Class<?>> record) {
        if (schema == null || schema.getProperties() == null) {
            return;
        }
        schema.setAdditionalProperties(Boolean.FALSE);
        List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
        Map<String, Schema> properties = new LinkedHashMap<>(schema.getProperties());
        record.ifPresent(r -> properties.forEach((name, property) -> RecordComponents.component(r, name)
                .filter(c -> RecordComponents.annotation(c, NotBlank.class) != null
                        || RecordComponents.annotation(c, NotEmpty.class) != null)
                .ifPresent(c -> requireContent(property, RecordComponents.annotation(c, NotBlank.class) != null))));
        properties.replaceAll((name, property) -> required.contains(name)
                        || record.flatMap(r -> RecordComponents.component(r, name))
                                .map(c -> c.getType().isPrimitive())
                                .orElse(false)
                ? property
                : NullableSchemas.nullable(property));
        // Properties of the response that a client may send back unchanged: accepted and ignored.
        record.map(r -> r.getAnnotation(JsonIgnoreProperties.class)).ifPresent(ignored -> {
            for (String name : ignored.value()) {
                properties.putIfAbsent(
                        name, new JsonSchema().readOnly(true).description("Read-only: ignored when sent"));
            }
        });
        schema.setProperties(properties);
    }

    /** {@code @NotBlank} and {@code @NotEmpty} refuse an empty string (and a blank one), whatever {@code @Size} says. */
    @SuppressWarnings("rawtypes")
    private static void requireContent(Schema property, boolean notBlank) {
        boolean isString = (property.getTypes() != null && property.getTypes().contains("string"))
                || "string".equals(property.getType());
        if (isString) {
            property.setMinLength(Math.max(1, property.getMinLength() == null ? 0 : property.getMinLength()));
            if (notBlank && property.getPattern() == null) {
                property.setPattern("\\S");
            }
        } else if (property.getItems() != null) {
            property.setMinItems(Math.max(1, property.getMinItems() == null ? 0 : property.getMinItems()));
        }
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void exactResponse(@Nullable Schema schema, Optional<Class<?>> record) {
        if (schema == null || schema.getProperties() == null || record.isEmpty()) {
            return;
        }
        List<String> required = new ArrayList<>();
        Map<String, Schema> properties = new LinkedHashMap<>(schema.getProperties());
        properties.replaceAll((name, property) -> {
            Optional<RecordComponent> component = RecordComponents.component(record.get(), name);
            if (component.map(c -> !RecordComponents.omittedWhenEmpty(c)).orElse(true)) {
                required.add(name);
            }
            return component
                            .map(c -> c.getAnnotatedType().isAnnotationPresent(Nullable.class))
                            .orElse(false)
                    ? NullableSchemas.nullable(property)
                    : property;
        });
        schema.setProperties(properties);
        schema.setRequired(required);
    }
}
