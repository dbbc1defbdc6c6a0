package com.staffkit.scim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.staffkit.common.error.ScimErrors;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

/**
 * The answers of the resource endpoints: a resource with its {@code ETag} (201 with
 * {@code Location} when created), or a list page, each resource cut to the requested attributes.
 */
final class ScimResponses {

    private ScimResponses() {}

    static ResponseEntity<JsonNode> created(ObjectNode resource, long version) {
        return ResponseEntity.created(
                        URI.create(resource.get("meta").get("location").asText()))
                .eTag(ScimVersions.etag(version))
                .contentType(ScimErrors.MEDIA_TYPE)
                .body(ScimJson.fromText(resource.toString()));
    }

    static ResponseEntity<JsonNode> resource(ObjectNode resource, long version, ScimProjection projection) {
        return ResponseEntity.ok()
                .eTag(ScimVersions.etag(version))
                .contentType(ScimErrors.MEDIA_TYPE)
                .body(ScimJson.fromText(projection.apply(resource).toString()));
    }

    static ResponseEntity<JsonNode> list(
            List<ObjectNode> resources, long total, ScimPaging paging, ScimProjection projection) {
        return ScimJson.ok(ListResponse.page(
                resources.stream()
                        .map(resource ->
                                ScimJson.fromText(projection.apply(resource).toString()))
                        .toList(),
                total,
                paging.startIndex()));
    }
}
