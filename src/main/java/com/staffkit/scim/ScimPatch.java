package com.staffkit.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.filters.EqualFilter;
import com.unboundid.scim2.common.messages.PatchOperation;
import com.unboundid.scim2.common.utils.JsonUtils;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A SCIM PATCH (RFC 7644 §3.5.2) applied to a resource's JSON by the UnboundID SDK, after putting
 * what identity providers actually send into the RFC's form: {@code op} in any letter case, a
 * path-less value whose keys are dotted ({@code "name.givenName"}) or URN-qualified, {@code add} on
 * a single-valued attribute (a replace), and an add or replace through a value filter that matches
 * nothing ({@code emails[type eq "work"].value} of a user without one), which adds that value.
 */
final class ScimPatch {

    static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Set<String> multiValued;
    private final Set<String> readOnly;
    private final List<String> extensionUrns;

    /**
     * @param multiValued the resource's multi-valued attributes, lower case: an add there appends
     * @param readOnly its read-only attributes, lower case: an operation naming one in its path is
     *     400 {@code mutability} (in a path-less value they are ignored, as Okta sends the id there)
     * @param extensionUrns the schema extensions whose attributes live in an object under their URN
     */
    ScimPatch(Set<String> multiValued, Set<String> readOnly, List<String> extensionUrns) {
        this.multiValued = multiValued;
        this.readOnly = readOnly;
        this.extensionUrns = extensionUrns;
    }

    /** The operations of a PatchOp body, in order. */
    List<PatchOperation> operations(JsonNode body) {
        if (!(body instanceof ObjectNode request)) {
            throw ScimException.invalidSyntax("A PATCH body is a PatchOp object.");
        }
        JsonNode schemas = ScimNodes.field(request, "schemas");
        if (schemas != null && !schemas.toString().contains(PATCH_OP)) {
            throw ScimException.invalidValue("A PATCH body's schemas must name " + PATCH_OP + ".");
        }
        JsonNode operations = ScimNodes.field(request, "Operations");
        if (!(operations instanceof ArrayNode list) || list.isEmpty()) {
            throw ScimException.invalidValue("A PATCH body needs a non-empty Operations array.");
        }
        List<PatchOperation> parsed = new ArrayList<>();
        for (JsonNode operation : list) {
            parsed.addAll(operation(operation));
        }
        return parsed;
    }

    /** Applies the operations to {@code resource} in place; all or nothing is up to the caller's copy. */
    void apply(ObjectNode resource, List<PatchOperation> operations) {
        for (PatchOperation operation : operations) {
            try {
                operation.apply(resource);
            } catch (com.unboundid.scim2.common.exceptions.ScimException ex) {
                if (!addedThroughFilter(resource, operation, ex)) {
                    throw ScimException.of(ex);
                }
            }
        }
    }

    private List<PatchOperation> operation(JsonNode node) {
        if (!(node instanceof ObjectNode operation)) {
            throw ScimException.invalidSyntax("Each operation is an object with op, path and value.");
        }
        JsonNode op = ScimNodes.field(operation, "op");
        if (op == null || !op.isTextual()) {
            throw ScimException.invalidValue("Each operation needs an op: add, replace or remove.");
        }
        String kind = op.asText().toLowerCase(Locale.ROOT);
        if (!Set.of("add", "replace", "remove").contains(kind)) {
            throw ScimException.invalidValue("Unknown op '" + op.asText() + "': use add, replace or remove.");
        }
        JsonNode pathNode = ScimNodes.field(operation, "path");
        JsonNode value = ScimNodes.field(operation, "value");
        String path = pathNode == null || pathNode.isNull() ? null : pathNode.asText();
        if (path != null && path.isBlank()) {
            path = null;
        }
        if (path == null) {
            if (kind.equals("remove")) {
                throw ScimException.badRequest("noTarget", "A remove needs a path.");
            }
            if (!(value instanceof ObjectNode object)) {
                throw ScimException.invalidValue("An " + kind + " without a path needs an object value.");
            }
            value = expanded(object);
        } else {
            requireWritable(path);
            boolean multiValued = appends(path);
            boolean clears = kind.equals("replace") && value != null && value.isNull();
            if (kind.equals("add") && !multiValued) {
                // An add on a single-valued attribute sets it (RFC 7644 §3.5.2.1): the same as a replace.
                kind = "replace";
            }
            if (clears) {
                // Replacing with null clears: a remove. (An add or replace without a value is malformed.)
                kind = "remove";
                value = null;
            }
            if (kind.equals("remove") && value != null && !value.isNull()) {
                if (multiValued && !path.equalsIgnoreCase("members")) {
                    return removals(path, value);
                }
                if (!multiValued) {
                    // Entra names the value it removes from a single-valued attribute (the manager): it goes.
                    value = null;
                }
            }
        }
        return List.of(parsed(kind, path, value));
    }

    /** {@code remove} of some values of a multi-valued attribute: one filtered remove per value. */
    private List<PatchOperation> removals(String path, JsonNode value) {
        List<PatchOperation> removals = new ArrayList<>();
        for (JsonNode element : value.isArray() ? value : NODES.arrayNode().add(value)) {
            JsonNode named = element.isObject() ? ScimNodes.field(element, "value") : element;
            if (named == null || !named.isValueNode() || named.isNull()) {
                throw ScimException.invalidValue("A remove with a value names each value as {\"value\": ...}.");
            }
            removals.add(parsed("remove", path + "[value eq " + NODES.textNode(named.asText()) + "]", null));
        }
        return removals;
    }

    private static PatchOperation parsed(String kind, @Nullable String path, @Nullable JsonNode value) {
        ObjectNode normalized = NODES.objectNode().put("op", kind);
        if (path != null) {
            normalized.put("path", path);
        }
        if (value != null) {
            normalized.set("value", value);
        }
        if (path != null) {
            // A path that does not parse is named as such; anything else the SDK refuses is the value.
            parsedPath(path);
        }
        try {
            return JsonUtils.getObjectReader().forType(PatchOperation.class).readValue(normalized);
        } catch (IOException | IllegalArgumentException ex) {
            // The SDK's message names its own classes: only what the client sent is worth repeating.
            throw ScimException.invalidValue("The " + kind + " operation" + (path == null ? "" : " at '" + path + "'")
                    + " has no value this operation can take.");
        }
    }

    private void requireWritable(String path) {
        Path parsed = parsedPath(path);
        if (parsed.size() > 0
                && extensionUrns.stream().noneMatch(urn -> urn.equalsIgnoreCase(parsed.getSchemaUrn()))
                && readOnly.contains(parsed.getElement(0).getAttribute().toLowerCase(Locale.ROOT))) {
            throw ScimException.mutability("'" + path + "' is read-only.");
        }
    }

    private static Path parsedPath(String path) {
        try {
            return Path.fromString(path);
        } catch (com.unboundid.scim2.common.exceptions.ScimException ex) {
            throw ScimException.invalidPath("The path '" + path + "' is not a valid attribute path.");
        }
    }

    /** Whether an add at {@code path} appends to a multi-valued attribute rather than setting one value. */
    private boolean appends(String path) {
        Path parsed = parsedPath(path);
        if (parsed.size() != 1 || parsed.getElement(0).getValueFilter() != null) {
            return false;
        }
        return multiValued.contains(parsed.getElement(0).getAttribute().toLowerCase(Locale.ROOT));
    }

    /**
     * A path-less value with keys such as {@code "name.givenName"} or
     * {@code "urn:...:enterprise:2.0:User:employeeNumber"} as the nested object they stand for.
     */
    private ObjectNode expanded(ObjectNode value) {
        ObjectNode result = NODES.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String key = entry.getKey();
            ObjectNode target = result;
            String extension = extensionUrns.stream()
                    .filter(urn -> key.regionMatches(true, 0, urn + ":", 0, urn.length() + 1))
                    .findFirst()
                    .orElse(null);
            String attribute = key;
            if (extension != null) {
                target = child(result, extension);
                attribute = key.substring(extension.length() + 1);
            } else if (key.regionMatches(true, 0, ScimSchemas.USER + ":", 0, ScimSchemas.USER.length() + 1)) {
                attribute = key.substring(ScimSchemas.USER.length() + 1);
            }
            if (extension == null
                    && extensionUrns.stream().anyMatch(urn -> urn.equalsIgnoreCase(key))
                    && entry.getValue() instanceof ObjectNode nested) {
                child(result, key).setAll(nested);
                continue;
            }
            String[] parts = attribute.split("\\.", 2);
            if (parts.length == 2) {
                child(target, parts[0]).set(parts[1], entry.getValue());
            } else {
                target.set(attribute, entry.getValue());
            }
        }
        return result;
    }

    private static ObjectNode child(ObjectNode parent, String name) {
        JsonNode existing = parent.get(name);
        if (existing instanceof ObjectNode object) {
            return object;
        }
        return parent.putObject(name);
    }

    /**
     * Entra ID sets {@code emails[type eq "work"].value} on a user without a work email and expects
     * it added: an add or replace through an {@code eq} filter that matched nothing appends an
     * element made of the filter and the value.
     */
    private static boolean addedThroughFilter(
            ObjectNode resource, PatchOperation operation, com.unboundid.scim2.common.exceptions.ScimException ex) {
        Path path = operation.getPath();
        if (!"noTarget".equals(ex.getScimError().getScimType())
                || path == null
                || path.size() < 1
                || path.size() > 2
                || !(path.getElement(0).getValueFilter() instanceof EqualFilter filter)
                || filter.getAttributePath().size() != 1
                || operation.getJsonNode() == null) {
            return false;
        }
        ObjectNode element = NODES.objectNode();
        element.set(filter.getAttributePath().getElement(0).getAttribute(), filter.getComparisonValue());
        if (path.size() == 2) {
            element.set(path.getElement(1).getAttribute(), operation.getJsonNode());
        } else if (operation.getJsonNode() instanceof ObjectNode object) {
            element.setAll(object);
        } else {
            return false;
        }
        String attribute = path.getElement(0).getAttribute();
        ObjectNode holder = path.getSchemaUrn() == null ? resource : child(resource, path.getSchemaUrn());
        JsonNode existing = ScimNodes.field(holder, attribute);
        ArrayNode array = existing instanceof ArrayNode list ? list : holder.putArray(attribute);
        array.add(element);
        return true;
    }
}
