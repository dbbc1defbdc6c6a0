package com.staffkit.common.web;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.staffkit.common.error.JsonNames;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
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
 * with nothing required and {@code null} clearing a field.
 */
final class StrictSchemas implements OpenApiCustomizer {

    private static final String REF = "#/components/schemas/";

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
        api.getPaths().values().forEach(item -> {
            if (item.getPatch() != null && item.getPatch().getRequestBody() != null) {
                Schema replace = replaceSchema(item);
                item.getPatch().getRequestBody().getContent().values().forEach(media -> {
                    if (replace != null && isUntyped(media.getSchema())) {
                        media.setSchema(replace);
                    }
                    usePatchSchema(media, schemas);
                });
            }
        });
        schemas.keySet().removeIf(name -> name.startsWith("JsonNode"));
        schemas.values().forEach(StrictSchemas::dropItemExamplesCopiedFromTheArray);
    }

    /** The body schema of the PUT beside a PATCH: what a merge patch is merged into. */
    @SuppressWarnings("rawtypes")
    private static @Nullable Schema replaceSchema(io.swagger.v3.oas.models.PathItem item) {
        if (item.getPut() == null || item.getPut().getRequestBody() == null) {
            return null;
        }
        MediaType json = item.getPut().getRequestBody().getContent().get("application/json");
        return json == null ? null : json.getSchema();
    }

    @SuppressWarnings("rawtypes")
    private static boolean isUntyped(@Nullable Schema schema) {
        return schema == null || (schema.get$ref() != null && schema.get$ref().endsWith("/JsonNode"));
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
            case "page_size" ->
                schema.minimum(BigDecimal.ONE)
                        .maximum(BigDecimal.valueOf(PageRequest.MAX_PAGE_SIZE))
                        ._default(PageRequest.DEFAULT_PAGE_SIZE);
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
        record.ifPresent(r -> properties.forEach((name, property) -> component(r, name)
                .filter(c -> annotation(c, NotBlank.class) != null || annotation(c, NotEmpty.class) != null)
                .ifPresent(c -> requireContent(property, annotation(c, NotBlank.class) != null))));
        properties.replaceAll((name, property) -> required.contains(name)
                        || record.flatMap(r -> component(r, name))
                                .map(c -> c.getType().isPrimitive())
                                .orElse(false)
                ? property
                : nullable(property));
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
            Optional<RecordComponent> component = component(record.get(), name);
            if (component.map(c -> !omittedWhenEmpty(c)).orElse(true)) {
                required.add(name);
            }
            return component
                            .map(c -> c.getAnnotatedType().isAnnotationPresent(Nullable.class))
                            .orElse(false)
                    ? nullable(property)
                    : property;
        });
        schema.setProperties(properties);
        schema.setRequired(required);
    }

    private static boolean omittedWhenEmpty(RecordComponent component) {
        JsonInclude include = annotation(component, JsonInclude.class);
        return include != null && include.value() != JsonInclude.Include.ALWAYS;
    }

    /** An annotation of a record component, wherever Java put it: on the component, its type or its accessor. */
    private static <A extends java.lang.annotation.Annotation> @Nullable A annotation(
            RecordComponent component, Class<A> type) {
        A found = component.getAnnotation(type);
        if (found == null) {
            found = component.getAnnotatedType().getAnnotation(type);
        }
        return found != null ? found : component.getAccessor().getAnnotation(type);
    }

    /** The record component behind a snake_case property, looking into unwrapped components too. */
    private static Optional<RecordComponent> component(Class<?> record, String property) {
        for (RecordComponent component : record.getRecordComponents()) {
            if (annotation(component, JsonUnwrapped.class) != null
                    && component.getType().isRecord()) {
                Optional<RecordComponent> inner = component(component.getType(), property);
                if (inner.isPresent()) {
                    return inner;
                }
            } else if (JsonNames.snakeCase(component.getName()).equals(property)) {
                return Optional.of(component);
            }
        }
        return Optional.empty();
    }

    /** The same schema, also allowing {@code null}. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Schema nullable(Schema property) {
        if (property.get$ref() != null) {
            return new JsonSchema()
                    .description(property.getDescription())
                    .anyOf(List.of(new JsonSchema().$ref(property.get$ref()), new JsonSchema().types(Set.of("null"))));
        }
        Set<String> types = new LinkedHashSet<>();
        if (property.getTypes() != null) {
            types.addAll(property.getTypes());
        } else if (property.getType() != null) {
            types.add(property.getType());
        }
        if (types.isEmpty() || types.contains("null")) {
            return property;
        }
        Schema copy = copy(property);
        types.add("null");
        copy.setTypes(types);
        return copy;
    }

    /** Points a merge patch at {@code <Name>Patch}: the replace schema with nothing required and every field nullable. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void usePatchSchema(MediaType media, Map<String, Schema> schemas) {
        String name = RecordSchemas.refName(
                media.getSchema() == null ? null : media.getSchema().get$ref());
        if (name == null || name.endsWith("Patch") || !schemas.containsKey(name)) {
            return;
        }
        String patchName = name.replaceFirst("(Request|Update)?$", "") + "Patch";
        schemas.computeIfAbsent(patchName, n -> {
            Schema replace = schemas.get(name);
            Schema patch = copy(replace);
            patch.setRequired(null);
            patch.setDescription("A JSON merge patch (RFC 7396): present fields change, null clears one.");
            Map<String, Schema> properties = new LinkedHashMap<>(replace.getProperties());
            properties.replaceAll(
                    (property, schema) -> Boolean.TRUE.equals(schema.getReadOnly()) ? schema : nullable(schema));
            patch.setProperties(properties);
            return patch;
        });
        media.setSchema(new JsonSchema().$ref(REF + patchName));
    }

    /** A shallow copy of what request and response schemas use here, so a change to it leaves the original alone. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Schema copy(Schema schema) {
        Schema copy = new JsonSchema()
                .types(schema.getTypes() == null ? null : new LinkedHashSet<>(schema.getTypes()))
                .format(schema.getFormat())
                .title(schema.getTitle())
                .description(schema.getDescription())
                .maxLength(schema.getMaxLength())
                .minLength(schema.getMinLength())
                .pattern(schema.getPattern())
                .minimum(schema.getMinimum())
                .maximum(schema.getMaximum())
                .items(schema.getItems())
                .minItems(schema.getMinItems())
                .maxItems(schema.getMaxItems())
                .uniqueItems(schema.getUniqueItems())
                .maxProperties(schema.getMaxProperties())
                .propertyNames(schema.getPropertyNames())
                .readOnly(schema.getReadOnly())
                .required(schema.getRequired() == null ? null : new ArrayList<>(schema.getRequired()))
                .properties(schema.getProperties() == null ? null : new LinkedHashMap<>(schema.getProperties()));
        if (schema.getTypes() == null && schema.getType() != null) {
            copy.setTypes(new LinkedHashSet<>(Set.of(schema.getType())));
        }
        copy.setAdditionalProperties(schema.getAdditionalProperties());
        copy.setEnum(schema.getEnum());
        if (schema.getExample() != null) {
            copy.setExample(schema.getExample());
        }
        return copy;
    }
}
