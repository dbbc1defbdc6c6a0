package com.staffkit.common.input;

import com.staffkit.common.error.FieldViolation;
import com.staffkit.common.error.InvalidRequestException;
import com.staffkit.common.error.JsonNames;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Applies a JSON merge patch (RFC 7396) to a resource's current state, rendered as the request a
 * PUT takes, and binds and validates the result exactly like a PUT. So PATCH and PUT share one set
 * of rules, and unknown properties are refused by both.
 */
@Component
public class JsonMergePatch {

    private final JsonMapper jsonMapper;
    private final Validator validator;

    JsonMergePatch(JsonMapper jsonMapper, Validator validator) {
        this.jsonMapper = jsonMapper;
        this.validator = validator;
    }

    public <T> T apply(T current, JsonNode patch, Class<T> type) {
        if (patch == null || !patch.isObject()) {
            throw InvalidRequestException.forField("body", "must be a JSON object");
        }
        ObjectNode target = jsonMapper.valueToTree(current);
        mergeInto(target, (ObjectNode) patch, true);
        T merged = jsonMapper.treeToValue(target, type);
        Set<ConstraintViolation<T>> violations = validator.validate(merged);
        if (!violations.isEmpty()) {
            List<FieldViolation> errors = violations.stream()
                    .map(v -> new FieldViolation(fieldName(v), v.getMessage()))
                    .sorted(Comparator.comparing(FieldViolation::field))
                    .toList();
            throw InvalidRequestException.of(errors);
        }
        return merged;
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

    private static String fieldName(ConstraintViolation<?> violation) {
        String path = violation.getPropertyPath().toString();
        int bracket = path.indexOf('[');
        String head = bracket < 0 ? path : path.substring(0, bracket);
        int dot = head.indexOf('.');
        return JsonNames.snakeCase(dot < 0 ? head : head.substring(0, dot));
    }
}
