package com.staffkit.common.input;

import com.staffkit.common.error.InvalidRequestException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.beans.PropertyEditorSupport;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.beans.PropertyEditorRegistry;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.format.support.FormattingConversionService;
import org.springframework.validation.Validator;
import org.springframework.web.bind.annotation.BindParam;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.support.ConfigurableWebBindingInitializer;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Query parameters and path variables take only what the API document declares: a boolean is
 * {@code true} or {@code false} (not {@code yes}, {@code on} or {@code 1}), an integer is decimal
 * digits (not {@code 0x10} or {@code 1.0}), and an empty value of a typed parameter ({@code page=},
 * {@code organization=}) is refused instead of read as absent. Each refusal is a 400 naming the
 * parameter. Filter records bound from the query string ({@code @ParameterObject}) obey the same
 * editors and the same refusal of empty values, under their snake_case names.
 */
@Configuration(proxyBeanMethods = false)
class StrictQueryParameters implements WebMvcConfigurer {

    private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,19}");

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new EmptyTypedParameters());
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new QueryRecordArgumentResolver());
    }

    /**
     * Every binder, as Spring MVC's own initializer sets it up (conversion service, validator), with
     * the strict editors. An initializer rather than an {@code @InitBinder} advice: Spring builds an
     * advice's handler method anew for each request and invokes it reflectively for each binder (one
     * per parameter), a few percent of a list request's time.
     */
    @Bean
    ConfigurableWebBindingInitializer strictBindingInitializer(
            @Qualifier("mvcConversionService") FormattingConversionService conversionService,
            @Qualifier("mvcValidator") Validator validator) {
        ConfigurableWebBindingInitializer initializer = new ConfigurableWebBindingInitializer();
        initializer.setConversionService(conversionService);
        initializer.setValidator(validator);
        initializer.setPropertyEditorRegistrar(StrictEditors::register);
        return initializer;
    }

    /**
     * Binds booleans and integers strictly. Editors, not converters: a binder falls back to Spring's
     * lenient default editors ({@code yes}, {@code on}, {@code 0x10}) when a conversion fails, but
     * never overrides an editor registered for the type.
     */
    static final class StrictEditors {

        private StrictEditors() {}

        static void register(PropertyEditorRegistry binder) {
            for (Class<?> type : List.of(Boolean.class, boolean.class)) {
                binder.registerCustomEditor(type, new StrictEditor(StrictEditors::toBoolean));
            }
            for (Class<?> type : List.of(Integer.class, int.class)) {
                binder.registerCustomEditor(type, new StrictEditor(value -> Integer.valueOf(integer(value))));
            }
            for (Class<?> type : List.of(Long.class, long.class)) {
                binder.registerCustomEditor(type, new StrictEditor(value -> Long.valueOf(integer(value))));
            }
        }

        private static Boolean toBoolean(String value) {
            return switch (value) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> throw new IllegalArgumentException("not true or false");
            };
        }

        private static String integer(String value) {
            if (!INTEGER.matcher(value).matches()) {
                throw new IllegalArgumentException("not an integer");
            }
            return value;
        }
    }

    private static final class StrictEditor extends PropertyEditorSupport {

        private final Function<String, Object> parse;

        StrictEditor(Function<String, Object> parse) {
            this.parse = parse;
        }

        @Override
        public void setAsText(String text) {
            setValue(parse.apply(text));
        }
    }

    /**
     * Refuses an empty value for a request parameter that is not text. Spring reads {@code page=} as
     * a missing page and {@code include_inactive=} as its default; the document declares neither.
     */
    private static final class EmptyTypedParameters implements HandlerInterceptor {

        private final Map<Method, List<String>> typedParameters = new ConcurrentHashMap<>();

        @Override
        public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
            if (handler instanceof HandlerMethod method
                    && !request.getParameterMap().isEmpty()) {
                for (String name : typedParameters.computeIfAbsent(method.getMethod(), m -> typedNames(method))) {
                    String[] values = request.getParameterValues(name);
                    if (values != null && List.of(values).contains("")) {
                        throw InvalidRequestException.forField(name, "must not be empty");
                    }
                }
            }
            return true;
        }

        /**
         * The typed request parameters of a handler: its {@code @RequestParam}s, and the components of
         * the records it binds from the query string ({@code @ParameterObject} filters), by their
         * {@link BindParam} names.
         */
        private static List<String> typedNames(HandlerMethod method) {
            List<String> names = new ArrayList<>();
            for (MethodParameter parameter : method.getMethodParameters()) {
                RequestParam annotation = parameter.getParameterAnnotation(RequestParam.class);
                if (annotation != null) {
                    String name = annotation.name().isEmpty() ? parameter.getParameterName() : annotation.name();
                    if (name != null && isTyped(parameter.nestedIfOptional())) {
                        names.add(name);
                    }
                } else if (parameter.getParameterType().isRecord()
                        && parameter.hasParameterAnnotation(ParameterObject.class)) {
                    for (var component : QueryRecordArgumentResolver.components(parameter.getParameterType())) {
                        if (isTyped(component.parameter())) {
                            names.add(component.name());
                        }
                    }
                }
            }
            return List.copyOf(names);
        }

        /** Whether a parameter holds something other than text: a number, a boolean, a UUID, or a list of them. */
        private static boolean isTyped(MethodParameter parameter) {
            Class<?> type = parameter.getNestedParameterType();
            if (isText(type) || Map.class.isAssignableFrom(type)) {
                return false;
            }
            if (Collection.class.isAssignableFrom(type) || type.isArray()) {
                Class<?> element = type.isArray()
                        ? type.getComponentType()
                        : parameter.nested().getNestedParameterType();
                return !isText(element);
            }
            return true;
        }

        private static boolean isText(Class<?> type) {
            return CharSequence.class.isAssignableFrom(type);
        }
    }
}
