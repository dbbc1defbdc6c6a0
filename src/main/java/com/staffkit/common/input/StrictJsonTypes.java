package com.staffkit.common.input;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.MutableCoercionConfig;
import tools.jackson.databind.type.LogicalType;

/**
 * A JSON value of the wrong type is refused, never converted: {@code "12"} or {@code 12.5} where an
 * integer is expected, {@code 10} where a string is, {@code "yes"} or {@code 1} where a boolean is,
 * {@code ""} where anything but a string is. Request bodies and merged PATCH bodies bind through
 * this one mapper, so both refuse alike, and the problem names the field.
 */
@Configuration(proxyBeanMethods = false)
class StrictJsonTypes {

    @Bean
    JsonMapperBuilderCustomizer noScalarCoercion() {
        return builder -> builder.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .withCoercionConfigDefaults(
                        config -> config.setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
                .withCoercionConfig(
                        LogicalType.Textual,
                        config -> fail(
                                config,
                                CoercionInputShape.Integer,
                                CoercionInputShape.Float,
                                CoercionInputShape.Boolean))
                .withCoercionConfig(
                        LogicalType.Integer,
                        config -> fail(
                                config,
                                CoercionInputShape.String,
                                CoercionInputShape.EmptyString,
                                CoercionInputShape.Float,
                                CoercionInputShape.Boolean))
                .withCoercionConfig(
                        LogicalType.Float,
                        config -> fail(
                                config,
                                CoercionInputShape.String,
                                CoercionInputShape.EmptyString,
                                CoercionInputShape.Boolean))
                .withCoercionConfig(
                        LogicalType.Boolean,
                        config -> fail(
                                config,
                                CoercionInputShape.String,
                                CoercionInputShape.EmptyString,
                                CoercionInputShape.Integer,
                                CoercionInputShape.Float));
    }

    private static void fail(MutableCoercionConfig config, CoercionInputShape... shapes) {
        for (CoercionInputShape shape : shapes) {
            config.setCoercion(shape, CoercionAction.Fail);
        }
    }
}
