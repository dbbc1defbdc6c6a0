package com.staffkit.staff;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ValueDeserializer;

/**
 * A store in {@code retail_stores}: its id, or the store summary a response carried (so a client
 * can send back what it read).
 */
class StoreIdDeserializer extends ValueDeserializer<Long> {

    @Override
    public Long deserialize(JsonParser parser, DeserializationContext context) {
        if (parser.currentToken() == JsonToken.START_OBJECT) {
            JsonNode store = context.readTree(parser);
            JsonNode id = store.get("id");
            if (id == null || !id.isIntegralNumber()) {
                return context.reportInputMismatch(this, "a store must be an id or an object with an integer id");
            }
            return id.asLong();
        }
        return context.readValue(parser, Long.class);
    }
}
