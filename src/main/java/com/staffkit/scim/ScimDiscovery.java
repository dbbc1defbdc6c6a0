package com.staffkit.scim;

import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriUtils;
import tools.jackson.databind.node.ObjectNode;

/**
 * The discovery documents (RFC 7644 §4): what is supported, the resource types and their schemas.
 * The schemas are the static resource {@code scim/schemas.json}; each document's {@code meta.location}
 * is an absolute URL of the service that answers.
 */
@Component
class ScimDiscovery {

    static final String BASE = "/scim/v2";

    private static final List<ResourceType> RESOURCE_TYPES = List.of(
            ResourceType.of(
                    "User",
                    "/Users",
                    "Staff members of the organization",
                    ScimSchemas.USER,
                    List.of(new ResourceType.SchemaExtension(ScimSchemas.ENTERPRISE_USER, false))),
            ResourceType.of("Group", "/Groups", "Teams of the organization", ScimSchemas.GROUP, List.of()));

    private final List<ObjectNode> schemas = ScimJson.documents("scim/schemas.json");

    ServiceProviderConfig serviceProviderConfig() {
        return ServiceProviderConfig.of(
                "https://staffkit.dev/docs/scim",
                new Meta("ServiceProviderConfig", location("/ServiceProviderConfig")));
    }

    List<ResourceType> resourceTypes() {
        return RESOURCE_TYPES.stream().map(this::located).toList();
    }

    Optional<ResourceType> resourceType(String id) {
        return RESOURCE_TYPES.stream()
                .filter(type -> type.id().equals(id))
                .findFirst()
                .map(this::located);
    }

    List<ObjectNode> schemas() {
        return schemas.stream().map(this::located).toList();
    }

    Optional<ObjectNode> schema(String id) {
        return schemas.stream()
                .filter(schema -> schema.get("id").asString().equals(id))
                .findFirst()
                .map(this::located);
    }

    private ResourceType located(ResourceType type) {
        return type.locatedAt(location("/ResourceTypes/" + type.id()));
    }

    private ObjectNode located(ObjectNode schema) {
        ObjectNode copy = schema.deepCopy();
        copy.putObject("meta")
                .put("resourceType", "Schema")
                .put("location", location("/Schemas/" + schema.get("id").asString()));
        return copy;
    }

    /** An absolute URL of a path under {@value #BASE}, on the service that answers this request. */
    static String location(String path) {
        return ServletUriComponentsBuilder.fromCurrentContextPath()
                .path(BASE)
                .path(UriUtils.encodePath(path, java.nio.charset.StandardCharsets.UTF_8))
                .build()
                .toUriString();
    }
}
