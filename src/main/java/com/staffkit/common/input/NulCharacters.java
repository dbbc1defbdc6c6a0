package com.staffkit.common.input;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.KeyDeserializer;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.module.SimpleModule;

/**
 * No text a client sends may hold the NUL character (U+0000): PostgreSQL refuses it in text, so it
 * would fail deep inside a write or a query instead of as a bad request. The rule holds for every
 * string of a JSON body (values and map keys, through {@link #jsonModule()}) and for every query
 * parameter ({@code common.web.NulCharacterFilter}); both answer 400 naming the field.
 */
public final class NulCharacters {

    public static final String MESSAGE = "must not contain the NUL character (\\u0000)";

    private NulCharacters() {}

    public static boolean in(String value) {
        return value != null && value.indexOf('\0') >= 0;
    }

    /** Refuses the NUL character in every string and map key a JSON body binds to. */
    public static JacksonModule jsonModule() {
        return new SimpleModule("staffkit-nul-free-strings")
                .addDeserializer(String.class, new NulFreeStringDeserializer())
                .addKeyDeserializer(String.class, new NulFreeKeyDeserializer());
    }

    /** A string that holds the NUL character; its path names the field. */
    public static final class RefusedException extends MismatchedInputException {

        RefusedException(JsonParser parser) {
            super(parser, "String " + MESSAGE, String.class);
        }
    }

    private static final class NulFreeStringDeserializer extends StringDeserializer {

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) {
            String value = super.deserialize(parser, context);
            if (in(value)) {
                throw new RefusedException(parser);
            }
            return value;
        }
    }

    private static final class NulFreeKeyDeserializer extends KeyDeserializer {

        @Override
        public Object deserializeKey(String key, DeserializationContext context) {
            if (in(key)) {
                throw new RefusedException(context.getParser());
            }
            return key;
        }
    }
}
