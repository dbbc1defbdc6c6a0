package com.staffkit.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import tools.jackson.databind.json.JsonMapper;

/** A small HTTP client for the running service: tests call it exactly as a client would. */
public final class Api {

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    private final String baseUrl;
    private final JsonMapper json;

    public Api(String baseUrl, JsonMapper json) {
        this.baseUrl = baseUrl;
        this.json = json;
    }

    public String baseUrl() {
        return baseUrl;
    }

    public Request get(String path) {
        return new Request("GET", path);
    }

    public Request post(String path) {
        return new Request("POST", path);
    }

    public Request put(String path) {
        return new Request("PUT", path);
    }

    public Request patch(String path) {
        return new Request("PATCH", path);
    }

    public Request delete(String path) {
        return new Request("DELETE", path);
    }

    public Request options(String path) {
        return new Request("OPTIONS", path);
    }

    public Request request(String method, String path) {
        return new Request(method, path);
    }

    public final class Request {
        private final String method;
        private final String path;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private String body;
        private Supplier<InputStream> stream;

        private Request(String method, String path) {
            this.method = method;
            this.path = path;
        }

        public Request token(String token) {
            return header("Authorization", "Bearer " + token);
        }

        public Request header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        /** A JSON body: a string is sent as is, anything else is serialized. */
        public Request json(Object value) {
            this.body = value instanceof String s ? s : json.writeValueAsString(value);
            headers.putIfAbsent("Content-Type", "application/json");
            return this;
        }

        public Request body(String contentType, String value) {
            this.body = value;
            headers.put("Content-Type", contentType);
            return this;
        }

        /** A body sent as the stream gives it, chunked: it is never a string in the test's memory either. */
        public Request stream(String contentType, Supplier<InputStream> stream) {
            this.stream = stream;
            headers.put("Content-Type", contentType);
            return this;
        }

        public ApiResponse send() {
            URI uri = URI.create(path.startsWith("http") ? path : baseUrl + path);
            HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                    .timeout(Duration.ofSeconds(30))
                    .method(
                            method,
                            stream != null
                                    ? HttpRequest.BodyPublishers.ofInputStream(stream)
                                    : body == null
                                            ? HttpRequest.BodyPublishers.noBody()
                                            : HttpRequest.BodyPublishers.ofString(body));
            headers.forEach(builder::header);
            try {
                HttpResponse<String> response = CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString());
                return new ApiResponse(response.statusCode(), response.headers(), response.body(), json);
            } catch (IOException ex) {
                throw new java.io.UncheckedIOException(ex);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(ex);
            }
        }
    }
}
