package com.staffkit.common.openapi;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.media.Schema;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resolves schemas in snake_case like the JSON itself (so Swagger UI's "Try it out" sends what the
 * API accepts), and remembers which Java record each named schema came from, so that
 * {@link StrictSchemas} can read the record's components: what may be null, what is always sent.
 */
final class RecordSchemas extends ModelResolver {

    /**
     * Shared by every instance: swagger-core keeps its converters in one JVM-wide chain, so with two
     * application contexts (as in tests) the one that resolves a schema may not be the one asked.
     */
    private static final Map<String, Class<?>> RECORDS = new ConcurrentHashMap<>();

    RecordSchemas() {
        super(Json.mapper().copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE));
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Schema resolve(AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> next) {
        Schema schema = super.resolve(type, context, next);
        if (schema != null && type.getType() != null) {
            Class<?> raw = _mapper.constructType(type.getType()).getRawClass();
            String name = schema.getName() != null ? schema.getName() : refName(schema.get$ref());
            if (raw.isRecord() && name != null) {
                RECORDS.putIfAbsent(name, raw);
            }
        }
        return schema;
    }

    /** The record a component schema was resolved from. */
    Optional<Class<?>> recordOf(String schemaName) {
        return Optional.ofNullable(RECORDS.get(schemaName));
    }

    static String refName(String ref) {
        return ref == null ? null : ref.substring(ref.lastIndexOf('/') + 1);
    }
}
