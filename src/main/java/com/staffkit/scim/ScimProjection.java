package com.staffkit.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The {@code attributes} and {@code excludedAttributes} of a read (RFC 7644 §3.9): which attributes
 * a resource is returned with. Names are case-insensitive, dotted for a sub-attribute
 * ({@code name.givenName}) and may carry a schema's URN; {@code id} and {@code schemas} are always
 * returned.
 */
final class ScimProjection {

    private final @Nullable List<List<String>> included;
    private final List<List<String>> excluded;

    private ScimProjection(@Nullable List<List<String>> included, List<List<String>> excluded) {
        this.included = included;
        this.excluded = excluded;
    }

    static ScimProjection of(
            @Nullable String attributes, @Nullable String excludedAttributes, List<String> extensions) {
        return new ScimProjection(
                attributes == null || attributes.isBlank() ? null : paths(attributes, extensions),
                excludedAttributes == null || excludedAttributes.isBlank()
                        ? List.of()
                        : paths(excludedAttributes, extensions));
    }

    /** Whether the attribute {@code name} (top level) is returned: for reads that can skip it. */
    boolean returns(String name) {
        boolean isIncluded = included == null
                || included.stream().anyMatch(path -> path.getFirst().equalsIgnoreCase(name));
        boolean isExcluded = excluded.stream()
                .anyMatch(path -> path.size() == 1 && path.getFirst().equalsIgnoreCase(name));
        return isIncluded && !isExcluded;
    }

    ObjectNode apply(ObjectNode resource) {
        ObjectNode result = resource;
        if (included != null) {
            result = resource.objectNode();
            result.set("schemas", resource.get("schemas"));
            result.set("id", resource.get("id"));
            for (List<String> path : included) {
                copy(resource, result, path);
            }
        }
        for (List<String> path : excluded) {
            remove(result, path);
        }
        return result;
    }

    private static void copy(ObjectNode from, ObjectNode to, List<String> path) {
        String name = key(from, path.getFirst());
        if (name == null) {
            return;
        }
        JsonNode value = from.get(name);
        if (path.size() == 1 || !(value instanceof ObjectNode nested)) {
            to.set(name, value);
            return;
        }
        JsonNode existing = to.get(name);
        ObjectNode target = existing instanceof ObjectNode object ? object : to.putObject(name);
        copy(nested, target, path.subList(1, path.size()));
    }

    private static void remove(ObjectNode node, List<String> path) {
        String name = key(node, path.getFirst());
        if (name == null || (path.size() == 1 && (name.equals("id") || name.equals("schemas")))) {
            return;
        }
        if (path.size() == 1) {
            node.remove(name);
        } else if (node.get(name) instanceof ObjectNode nested) {
            remove(nested, path.subList(1, path.size()));
        }
    }

    private static @Nullable String key(ObjectNode node, String name) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            String key = it.next().getKey();
            if (key.equalsIgnoreCase(name)) {
                return key;
            }
        }
        return null;
    }

    /** Each listed attribute as its path: an extension's URN first, then the names. */
    private static List<List<String>> paths(String list, List<String> extensions) {
        List<List<String>> paths = new ArrayList<>();
        for (String raw : list.split(",")) {
            String name = raw.trim();
            if (name.isEmpty()) {
                continue;
            }
            List<String> path = new ArrayList<>();
            String extension = extensions.stream()
                    .filter(urn ->
                            name.equalsIgnoreCase(urn) || name.regionMatches(true, 0, urn + ":", 0, urn.length() + 1))
                    .findFirst()
                    .orElse(null);
            String rest = name;
            if (extension != null) {
                path.add(extension);
                rest = name.length() > extension.length() ? name.substring(extension.length() + 1) : "";
            } else if (name.regionMatches(true, 0, ScimSchemas.USER + ":", 0, ScimSchemas.USER.length() + 1)) {
                rest = name.substring(ScimSchemas.USER.length() + 1);
            } else if (name.regionMatches(true, 0, ScimSchemas.GROUP + ":", 0, ScimSchemas.GROUP.length() + 1)) {
                rest = name.substring(ScimSchemas.GROUP.length() + 1);
            }
            if (!rest.isEmpty()) {
                path.addAll(Arrays.asList(rest.split("\\.")));
            }
            if (!path.isEmpty()) {
                paths.add(path);
            }
        }
        return paths;
    }
}
