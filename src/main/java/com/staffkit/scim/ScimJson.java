package com.staffkit.scim;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.staffkit.common.error.ScimErrors;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.ResponseEntity;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * SCIM's JSON: attribute names in camelCase as RFC 7643 spells them (the API's own JSON is
 * snake_case), absent values left out, served as {@code application/scim+json}.
 */
final class ScimJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .changeDefaultPropertyInclusion(inclusion -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
            .build();

    private ScimJson() {}

    static JsonNode tree(Object value) {
        return MAPPER.valueToTree(value);
    }

    /** A JSON text (the SCIM SDK's trees are Jackson 2) as this mapper's tree. */
    static JsonNode fromText(String json) {
        return MAPPER.readTree(json);
    }

    static ResponseEntity<JsonNode> ok(Object value) {
        return ResponseEntity.ok().contentType(ScimErrors.MEDIA_TYPE).body(tree(value));
    }

    /** The JSON documents of a class path resource holding an array of them. */
    static List<ObjectNode> documents(String resource) {
        try (InputStream in = new ClassPathResource(resource).getInputStream()) {
            return MAPPER.readValue(in, new TypeReference<List<ObjectNode>>() {});
        } catch (IOException ex) {
            throw new UncheckedIOException("Cannot read " + resource, ex);
        }
    }
}
