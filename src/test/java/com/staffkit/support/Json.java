package com.staffkit.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Building the JSON tests send and reading what comes back: one copy for every test class. */
public final class Json {

    private Json() {}

    /** A JSON object from alternating names and values, in that order; values may be null. */
    public static Map<String, Object> fields(Object... namesAndValues) {
        Map<String, Object> object = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            object.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return object;
    }

    /** The ids of a page's results, in page order. */
    public static List<Long> ids(JsonNode page) {
        return page.get("results")
                .valueStream()
                .map(row -> row.get("id").asLong())
                .toList();
    }

    /** The text values of a JSON array. */
    public static List<String> strings(JsonNode array) {
        assertThat(array.isArray()).as("%s is an array", array).isTrue();
        return array.valueStream().map(JsonNode::asString).toList();
    }

    /** The fields a problem's {@code errors} name, in order; none when it lists no errors. */
    public static List<String> errorFields(ApiResponse response) {
        assertThat(response.contentType()).as(response.body()).startsWith("application/problem+json");
        JsonNode errors = response.json().get("errors");
        return errors == null
                ? List.of()
                : errors.valueStream()
                        .map(error -> error.get("field").asString())
                        .toList();
    }
}
