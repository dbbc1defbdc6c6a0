package com.staffkit.staff;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/** Stores a string-to-string map as a jsonb object. */
@Converter
class StringMapJsonConverter implements AttributeConverter<Map<String, String>, String> {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<LinkedHashMap<String, String>> MAP = new TypeReference<>() {};
    private static final ObjectReader MAP_READER = JSON.readerFor(MAP);

    @Override
    public String convertToDatabaseColumn(Map<String, String> attribute) {
        return JSON.writeValueAsString(attribute == null ? Map.of() : attribute);
    }

    @Override
    public Map<String, String> convertToEntityAttribute(String json) {
        return json == null ? new LinkedHashMap<>() : MAP_READER.readValue(json);
    }

    static Map<String, String> parse(String json) {
        return json == null ? Map.of() : MAP_READER.readValue(json);
    }
}
