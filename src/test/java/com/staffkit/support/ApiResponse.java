package com.staffkit.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpHeaders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A response as a client sees it. */
public record ApiResponse(int status, HttpHeaders headers, String body, JsonMapper mapper) {

    public JsonNode json() {
        return mapper.readTree(body);
    }

    /** The body, once the status is the expected one (the body tells why when it is not). */
    public JsonNode json(int expectedStatus) {
        assertThat(status).as(body).isEqualTo(expectedStatus);
        return json();
    }

    public String header(String name) {
        return headers.firstValue(name).orElse(null);
    }

    public String contentType() {
        return header("Content-Type");
    }

    @Override
    public String toString() {
        return status + " " + body;
    }
}
