package com.staffkit.common.input;

import com.staffkit.common.error.InvalidRequestException;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Applies a JSON merge patch (RFC 7396) to a resource's current state, rendered as the request a
 * PUT takes, and binds and validates the result exactly like a PUT. So PATCH and PUT share one set
 * of rules, and unknown properties are refused by both.
 */
@Component
public class JsonMergePatch {

    private final JsonBinding binding;

    JsonMergePatch(JsonBinding binding) {
        this.binding = binding;
    }

    public <T> T apply(T current, JsonNode patch, Class<T> type) {
        if (patch == null || !patch.isObject()) {
            throw InvalidRequestException.forField("body", "must be a JSON object");
        }
        ObjectNode target = binding.mapper().valueToTree(current);
        mergeInto(target, (ObjectNode) patch, true);
        return binding.bind(target, type);
    }

    /**
     * A null clears: inside a map (attributes) the key is removed; a top-level field is set to an
     * explicit null, which binds exactly like a missing one but still reaches the binding, so an
     * unknown property is refused even when its value is null.
     */
    private static void mergeInto(ObjectNode target, ObjectNode patch, boolean topLevel) {
        for (Map.Entry<String, JsonNode> entry : patch.properties()) {
            String name = entry.getKey();
            JsonNode value = entry.getValue();
            if (value.isNull()) {
                if (topLevel) {
                    target.putNull(name);
                } else {
                    target.remove(name);
                }
            } else if (value.isObject() && target.get(name) instanceof ObjectNode existing) {
                mergeInto(existing, (ObjectNode) value, false);
            } else {
                target.set(name, value);
            }
        }
    }
}
