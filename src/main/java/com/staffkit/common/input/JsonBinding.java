package com.staffkit.common.input;

import com.staffkit.common.error.FieldViolation;
import com.staffkit.common.error.InvalidRequestException;
import com.staffkit.common.error.JsonBodyProblems;
import com.staffkit.common.error.JsonNames;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Binds and validates a JSON value outside MVC's converters (a merged PATCH, one item of a bulk
 * request) exactly as MVC binds a body: the same strict mapper, the same constraints, and the same
 * problems (a mistyped or unknown property, a field-level violation) when it fails.
 */
@Component
public class JsonBinding {

    private final JsonMapper jsonMapper;
    private final Validator validator;

    JsonBinding(JsonMapper jsonMapper, Validator validator) {
        this.jsonMapper = jsonMapper;
        this.validator = validator;
    }

    public <T> T bind(JsonNode value, Class<T> type) {
        T bound;
        try {
            bound = jsonMapper.treeToValue(value, type);
        } catch (JacksonException ex) {
            throw JsonBodyProblems.from(ex);
        }
        validate(bound);
        return bound;
    }

    public void validate(Object bound) {
        Set<ConstraintViolation<Object>> violations = validator.validate(bound);
        if (!violations.isEmpty()) {
            List<FieldViolation> errors = violations.stream()
                    .map(v -> new FieldViolation(fieldName(v), v.getMessage()))
                    .sorted(Comparator.comparing(FieldViolation::field))
                    .toList();
            throw InvalidRequestException.of(errors);
        }
    }

    JsonMapper mapper() {
        return jsonMapper;
    }

    private static String fieldName(ConstraintViolation<?> violation) {
        String path = violation.getPropertyPath().toString();
        int bracket = path.indexOf('[');
        String head = bracket < 0 ? path : path.substring(0, bracket);
        int dot = head.indexOf('.');
        return JsonNames.snakeCase(dot < 0 ? head : head.substring(0, dot));
    }
}
