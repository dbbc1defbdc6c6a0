package com.staffkit.common.openapi;

import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.Schema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Schemas that also allow {@code null}, made from copies so the original stays as it was. */
final class NullableSchemas {

    private NullableSchemas() {}

    /** The same schema, also allowing {@code null}. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    static Schema nullable(Schema property) {
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

    /** A shallow copy of what request and response schemas use here, so a change to it leaves the original alone. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    static Schema copy(Schema schema) {
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
