package com.staffkit.common.openapi;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.staffkit.common.error.JsonNames;
import java.lang.reflect.RecordComponent;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The record components behind snake_case schema properties, and what their annotations say. */
final class RecordComponents {

    private RecordComponents() {}

    static boolean omittedWhenEmpty(RecordComponent component) {
        JsonInclude include = annotation(component, JsonInclude.class);
        return include != null && include.value() != JsonInclude.Include.ALWAYS;
    }

    /** An annotation of a record component, wherever Java put it: on the component, its type or its accessor. */
    static <A extends java.lang.annotation.Annotation> @Nullable A annotation(
            RecordComponent component, Class<A> type) {
        A found = component.getAnnotation(type);
        if (found == null) {
            found = component.getAnnotatedType().getAnnotation(type);
        }
        return found != null ? found : component.getAccessor().getAnnotation(type);
    }

    /** The record component behind a snake_case property, looking into unwrapped components too. */
    static Optional<RecordComponent> component(Class<?> record, String property) {
        for (RecordComponent component : record.getRecordComponents()) {
            if (annotation(component, JsonUnwrapped.class) != null
                    && component.getType().isRecord()) {
                Optional<RecordComponent> inner = component(component.getType(), property);
                if (inner.isPresent()) {
                    return inner;
                }
            } else if (JsonNames.snakeCase(component.getName()).equals(property)) {
                return Optional.of(component);
            }
        }
        return Optional.empty();
    }
}
