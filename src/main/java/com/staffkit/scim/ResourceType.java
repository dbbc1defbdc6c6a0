package com.staffkit.scim;

import java.util.List;

/** A SCIM resource type (RFC 7643 §6): its endpoint, its core schema and its extensions. */
record ResourceType(
        List<String> schemas,
        String id,
        String name,
        String endpoint,
        String description,
        String schema,
        List<SchemaExtension> schemaExtensions,
        Meta meta) {

    record SchemaExtension(String schema, boolean required) {}

    static ResourceType of(
            String name, String endpoint, String description, String schema, List<SchemaExtension> extensions) {
        return new ResourceType(
                List.of(ScimSchemas.RESOURCE_TYPE), name, name, endpoint, description, schema, extensions, null);
    }

    ResourceType locatedAt(String location) {
        return new ResourceType(
                schemas, id, name, endpoint, description, schema, schemaExtensions, new Meta("ResourceType", location));
    }
}
