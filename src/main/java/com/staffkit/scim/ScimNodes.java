package com.staffkit.scim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.staffkit.common.input.NulCharacters;
import com.unboundid.scim2.common.utils.JsonUtils;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;

/**
 * Reading and writing SCIM resources as the SCIM SDK's JSON trees: attribute names are
 * case-insensitive (RFC 7643 §2.1), and what identity providers send loosely ({@code "active":
 * "False"}) is read as meant.
 */
final class ScimNodes {

    private ScimNodes() {}

    /** A request body as a JSON object; anything else is {@code invalidSyntax}. */
    static ObjectNode body(@Nullable String body) {
        if (body == null || body.isBlank()) {
            throw ScimException.invalidSyntax("The request needs a JSON body.");
        }
        try {
            JsonNode node = JsonUtils.getObjectReader().readTree(body);
            if (node instanceof ObjectNode object) {
                requireNoNul(object);
                return object;
            }
        } catch (JsonProcessingException ex) {
            throw ScimException.invalidSyntax("The request body is not valid JSON.");
        }
        throw ScimException.invalidSyntax("The request body must be a JSON object.");
    }

    /** No text column takes the NUL character: a body holding one in a name or value is refused as the REST API refuses it. */
    private static void requireNoNul(JsonNode node) {
        if (node.isTextual() && NulCharacters.in(node.textValue())) {
            throw ScimException.invalidValue("A value " + NulCharacters.MESSAGE + ".");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (NulCharacters.in(entry.getKey())) {
                throw ScimException.invalidValue("An attribute name " + NulCharacters.MESSAGE + ".");
            }
            requireNoNul(entry.getValue());
        }
        if (node.isArray()) {
            node.forEach(ScimNodes::requireNoNul);
        }
    }

    /** The member named {@code name} in any letter case, or null. */
    static @Nullable JsonNode field(@Nullable JsonNode node, String name) {
        if (!(node instanceof ObjectNode object)) {
            return null;
        }
        JsonNode exact = object.get(name);
        if (exact != null) {
            return exact;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (entry.getKey().equalsIgnoreCase(name)) {
                return entry.getValue();
            }
        }
        return null;
    }

    /** A string attribute; a number or boolean as its text; null, absent or an empty string as null. */
    static @Nullable String text(@Nullable JsonNode node, String name) {
        JsonNode value = field(node, name);
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        if (!value.isValueNode()) {
            throw ScimException.invalidValue("The attribute '" + name + "' must be a single value.");
        }
        String text = value.asText();
        return text.isEmpty() ? null : text;
    }

    /** A boolean attribute, also as the strings {@code "True"} and {@code "False"} in any case. */
    static @Nullable Boolean bool(@Nullable JsonNode node, String name) {
        JsonNode value = field(node, name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isTextual()) {
            String text = value.asText().trim().toLowerCase(Locale.ROOT);
            if (text.equals("true") || text.equals("false")) {
                return Boolean.valueOf(text);
            }
        }
        throw ScimException.invalidValue("The attribute '" + name + "' must be true or false.");
    }

    static ResponseEntity<tools.jackson.databind.JsonNode> ok(JsonNode resource) {
        return ScimJson.ok(ScimJson.fromText(resource.toString()));
    }
}
