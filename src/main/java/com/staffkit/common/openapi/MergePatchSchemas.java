package com.staffkit.common.openapi;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A JSON merge patch ({@code PATCH}) documented as what it is: {@code <Name>Patch}, the schema of the
 * {@code PUT} beside it with nothing required and {@code null} clearing a field, instead of the
 * untyped body the handler binds.
 */
final class MergePatchSchemas {

    private static final String REF = "#/components/schemas/";

    private MergePatchSchemas() {}

    @SuppressWarnings("rawtypes")
    static void apply(OpenAPI api) {
        Map<String, Schema> schemas = api.getComponents().getSchemas();
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
            Schema patch = NullableSchemas.copy(replace);
            patch.setRequired(null);
            patch.setDescription("A JSON merge patch (RFC 7396): present fields change, null clears one.");
            Map<String, Schema> properties = new LinkedHashMap<>(replace.getProperties());
            properties.replaceAll((property, schema) ->
                    Boolean.TRUE.equals(schema.getReadOnly()) ? schema : NullableSchemas.nullable(schema));
            patch.setProperties(properties);
            return patch;
        });
        media.setSchema(new JsonSchema().$ref(REF + patchName));
    }
}
