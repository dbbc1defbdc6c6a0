package com.staffkit.common.input;

import com.staffkit.common.error.FieldViolation;
import com.staffkit.common.error.InvalidRequestException;
import java.lang.reflect.Constructor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.beans.BeanInstantiationException;
import org.springframework.beans.BeanUtils;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.BindParam;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Binds a filter record ({@code @ParameterObject}) from the query string: each component from the
 * parameter of its {@link BindParam} name (else its own), converted by the request's binder, so the
 * strict editors apply. What Spring's constructor binding would find by reflection on every request
 * (names, annotations, nullness) is read once per record type here: on the list endpoints it cost
 * more than a millisecond of processor per request.
 */
final class QueryRecordArgumentResolver implements HandlerMethodArgumentResolver {

    /** A component of a filter record: the query parameter it binds and its constructor parameter. */
    record Component(String name, MethodParameter parameter, boolean multiValued) {}

    private record Shape(Constructor<?> constructor, List<Component> components) {}

    private final Map<Class<?>, Shape> shapes = new ConcurrentHashMap<>();

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType().isRecord() && parameter.hasParameterAnnotation(ParameterObject.class);
    }

    @Override
    public Object resolveArgument(
            MethodParameter parameter,
            ModelAndViewContainer container,
            NativeWebRequest request,
            WebDataBinderFactory binderFactory)
            throws Exception {
        Shape shape = shapes.computeIfAbsent(parameter.getParameterType(), QueryRecordArgumentResolver::shapeOf);
        WebDataBinder binder = binderFactory.createBinder(request, null, parameter.getParameterName());
        Object[] arguments = new Object[shape.components().size()];
        List<FieldViolation> violations = new ArrayList<>();
        for (int i = 0; i < arguments.length; i++) {
            Component component = shape.components().get(i);
            String[] values = request.getParameterValues(component.name());
            if (values == null) {
                continue;
            }
            try {
                Object raw = component.multiValued() ? values : values[0];
                arguments[i] =
                        binder.convertIfNecessary(raw, component.parameter().getParameterType(), component.parameter());
            } catch (TypeMismatchException ex) {
                violations.add(FieldViolation.mustBe(component.name(), elementType(component)));
            }
        }
        if (!violations.isEmpty()) {
            throw InvalidRequestException.of(violations);
        }
        try {
            return BeanUtils.instantiateClass(shape.constructor(), arguments);
        } catch (BeanInstantiationException ex) {
            // A rule of the record itself (an unknown ordering) is the client's error, as it was thrown.
            if (ex.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw ex;
        }
    }

    private static Shape shapeOf(Class<?> type) {
        return new Shape(BeanUtils.getResolvableConstructor(type), components(type));
    }

    /** The components of a filter record, each named by its {@link BindParam}, else by itself. */
    static List<Component> components(Class<?> type) {
        Constructor<?> constructor = BeanUtils.getResolvableConstructor(type);
        List<Component> components = new ArrayList<>();
        for (int i = 0; i < constructor.getParameterCount(); i++) {
            MethodParameter parameter = new MethodParameter(constructor, i);
            BindParam bindParam = parameter.getParameterAnnotation(BindParam.class);
            String name = bindParam != null ? bindParam.value() : constructor.getParameters()[i].getName();
            Class<?> componentType = parameter.getParameterType();
            boolean multiValued = Collection.class.isAssignableFrom(componentType) || componentType.isArray();
            components.add(new Component(name, parameter, multiValued));
        }
        return List.copyOf(components);
    }

    /** The type each value must have: the element type of a list. */
    private static Class<?> elementType(Component component) {
        return component.multiValued()
                ? component.parameter().nested().getNestedParameterType()
                : component.parameter().getParameterType();
    }
}
