package com.staffkit.common;

import static org.assertj.core.api.Assertions.assertThat;

import com.staffkit.support.IntegrationTest;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Every response of 400 or more, on any path and from any layer (Tomcat, the security firewall, a
 * filter, MVC), is problem+json with type, title, status, detail and instance, carries the security
 * headers and names no internals. Requests go over a raw socket: HTTP clients refuse most of these URLs.
 */
class ProblemEverywhereTests extends IntegrationTest {

    private static final List<String> LEAKS =
            List.of("<html", "tomcat", "exception", "org.", "java.", "static resource", "timestamp", "<script");

    @Nested
    class RejectedUrls {

        @Test
        void urlsTheContainerRefusesAreProblems() throws IOException {
            for (String target : List.of(
                    "/api/v1/stores/%3Cscript%3Ex%3C%2Fscript%3E",
                    "/api/v1/staffs/%",
                    "/api/v1/staffs/%zz",
                    "/api/v1/staffs/%00",
                    "/api/v1/staffs/a%2Fb",
                    "/api/v1/staffs/\u0001")) {
                assertProblem(send("GET " + target + " HTTP/1.1", ""), 400, target);
                assertProblem(send("GET " + target + " HTTP/1.1", bearer()), 400, target);
            }
        }

        @Test
        void urlsTheFirewallRefusesAreProblems() throws IOException {
            for (String request : List.of(
                    "GET /api/v1/staffs/%25",
                    "PUT /api/v1/staffs//stores/1",
                    "GET /api/teams//members",
                    "GET /api/v1/../api/v1/staffs",
                    "GET /api/v1/%2e%2e/staffs",
                    "GET /api/v1/staffs/%0a",
                    "GET /api/v1/staffs;jsessionid=1")) {
                assertProblem(send(request + " HTTP/1.1", ""), 400, request);
                assertProblem(send(request + " HTTP/1.1", bearer()), 400, request);
            }
        }

        @Test
        void urlsRefusedUnderScimAreScimErrors() throws IOException {
            for (String request : List.of(
                    "GET /scim/v2/Users/%zz",
                    "GET /scim/v2/Users/a%2Fb",
                    "GET /scim/v2/Users/%00",
                    "GET /scim/v2//Users",
                    "GET /scim/v2/%2e%2e/Users",
                    "GET /scim/v2/Users;jsessionid=1")) {
                Raw raw = send(request + " HTTP/1.1", "");
                assertThat(raw.status()).as(request).isEqualTo(400);
                assertThat(raw.header("content-type")).as(request).startsWith("application/scim+json");
                JsonNode error = json.readTree(raw.body());
                assertThat(error.get("schemas").get(0).asString())
                        .as(request)
                        .isEqualTo("urn:ietf:params:scim:api:messages:2.0:Error");
                assertThat(error.get("status").asString()).as(request).isEqualTo("400");
                assertThat(raw.body().toLowerCase(Locale.ROOT)).as(request).doesNotContain("<html", "tomcat");
            }
        }

        @Test
        void theInstanceOfARejectedUrlIsItsPathEscapedNeverRawInput() throws IOException {
            JsonNode problem =
                    assertProblem(send("GET /api/v1/stores/%3Cscript%3E%2F%22x HTTP/1.1", ""), 400, "escaped");
            assertThat(problem.get("instance").asString()).isEqualTo("/api/v1/stores/%3Cscript%3E%2F%22x");

            JsonNode bare = assertProblem(send("GET /api/v1/staffs/% HTTP/1.1", ""), 400, "bare percent");
            assertThat(bare.get("instance").asString()).isEqualTo("/api/v1/staffs/%25");

            JsonNode quoted = assertProblem(send("GET /api/v1/staffs/%\"<x> HTTP/1.1", ""), 400, "quote");
            assertThat(quoted.get("instance").asString()).doesNotContain("\"", "<", ">");
        }

        @Test
        void anUnparseableRequestLineOrAnUnknownHttpVersionIsAProblem() throws IOException {
            assertProblem(send("GARBAGE", ""), 400, "request line");
            JsonNode version = assertProblem(send("GET /api/v1/staffs HTTP/2.5", bearer()), 505, "version");
            assertThat(version.get("type").asString()).endsWith("/http-version-not-supported");
        }

        @Test
        void aRejectedWriteChangesNothing() throws IOException {
            long staffCount = jdbc.sql("select count(*) from staff_stores")
                    .query(Long.class)
                    .single();
            assertProblem(send("PUT /api/v1/staffs//stores/1 HTTP/1.1", bearer()), 400, "empty segment");
            assertThat(jdbc.sql("select count(*) from staff_stores")
                            .query(Long.class)
                            .single())
                    .isEqualTo(staffCount);
        }
    }

    @Nested
    class UnknownPathsAndMethods {

        @Test
        void anUnknownPathIs404() throws IOException {
            JsonNode problem = assertProblem(send("GET /api/v1/no-such-thing HTTP/1.1", bearer()), 404, "api");
            assertThat(problem.get("instance").asString()).isEqualTo("/api/v1/no-such-thing");
            assertProblem(send("GET /favicon.ico HTTP/1.1", bearer()), 404, "outside the api");
        }

        @Test
        void theErrorPathItselfIsAProblemWhateverTheClientAccepts() throws IOException {
            assertProblem(send("GET /error HTTP/1.1", "Accept: text/html\r\n"), 404, "/error");
        }

        @Test
        void aWrongMethodIs405WithAllow() throws IOException {
            Raw response = send("DELETE /api/v1/staffs HTTP/1.1", bearer());
            assertProblem(response, 405, "delete");
            assertThat(response.header("allow")).contains("GET", "POST");
        }
    }

    @Nested
    class MediaTypesAndSizes {

        @Test
        void anUnsupportedBodyIs415AndAnUnmeetableAcceptIs406() throws IOException {
            String email = uniqueEmail("media");
            String body = "{\"first_name\": \"M\", \"last_name\": \"T\", \"email\": \"" + email + "\"}";
            assertProblem(
                    send(
                            "POST /api/v1/staffs HTTP/1.1",
                            bearer() + "Content-Type: application/xml\r\nContent-Length: " + body.length() + "\r\n",
                            body),
                    415,
                    "xml body");
            assertProblem(send("GET /api/v1/staffs HTTP/1.1", bearer() + "Accept: text/html\r\n"), 406, "html");
            assertThat(jdbc.sql("select count(*) from staff where email = :e")
                            .param("e", email)
                            .query(Long.class)
                            .single())
                    .isZero();
        }

        @Test
        void oversizedHeadersAndBodiesAreProblems() throws IOException {
            Raw headers = send("GET /api/v1/staffs HTTP/1.1", "X-Padding: " + "a".repeat(20_000) + "\r\n");
            assertThat(headers.status()).isIn(400, 431);
            assertProblem(headers, headers.status(), "headers");

            String body = "{\"first_name\": \"" + "x".repeat(70 * 1024) + "\"}";
            assertProblem(
                    send(
                            "POST /api/v1/staffs HTTP/1.1",
                            bearer() + "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\n",
                            body),
                    413,
                    "body");
        }
    }

    @Nested
    class Filters {

        @Test
        void problemsWrittenBeforeAnyControllerCarryTheirInstance() throws IOException {
            JsonNode missing = assertProblem(send("GET /api/v1/staffs HTTP/1.1", ""), 401, "no credential");
            assertThat(missing.get("instance").asString()).isEqualTo("/api/v1/staffs");
            assertProblem(
                    send("GET /api/v1/staffs HTTP/1.1", "Authorization: Bearer not-a-token\r\n"), 401, "bad token");
        }
    }

    private String bearer() {
        return "Authorization: Bearer " + superadminToken() + "\r\n";
    }

    private JsonNode assertProblem(Raw response, int status, String what) {
        assertThat(response.status()).as(what + ": " + response.body()).isEqualTo(status);
        assertThat(response.header("content-type")).as(what).startsWith("application/problem+json");
        assertThat(response.header("x-content-type-options")).as(what).isEqualTo("nosniff");
        assertThat(response.header("x-frame-options")).as(what).isEqualTo("DENY");
        assertThat(response.header("cache-control")).as(what).contains("no-store");
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.get("type").asString()).as(what).startsWith("https://staffkit.dev/problems/");
        assertThat(problem.get("title").asString()).as(what).isNotBlank();
        assertThat(problem.get("status").asInt()).as(what).isEqualTo(status);
        assertThat(problem.get("detail").asString()).as(what).isNotBlank();
        assertThat(problem.get("instance").asString()).as(what).startsWith("/");
        String lower = response.body().toLowerCase(Locale.ROOT);
        assertThat(LEAKS).as(what).noneMatch(lower::contains);
        return problem;
    }

    private Raw send(String requestLine, String headers) throws IOException {
        return send(requestLine, headers, "");
    }

    /** One request over a fresh connection, exactly as written; the answer read until the server closes. */
    private Raw send(String requestLine, String headers, String body) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write((requestLine + "\r\nHost: localhost\r\nConnection: close\r\n" + headers + "\r\n" + body)
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            return Raw.parse(new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private record Raw(int status, Map<String, String> headers, String body) {

        String header(String name) {
            return headers.get(name);
        }

        static Raw parse(String text) {
            int end = text.indexOf("\r\n\r\n");
            String[] lines = text.substring(0, end).split("\r\n");
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(
                        lines[i].substring(0, colon).toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
            String body = text.substring(end + 4);
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                body = unchunk(body);
            }
            return new Raw(Integer.parseInt(lines[0].split(" ")[1]), headers, body);
        }

        private static String unchunk(String chunked) {
            StringBuilder out = new StringBuilder();
            int at = 0;
            while (true) {
                int lineEnd = chunked.indexOf("\r\n", at);
                int size = Integer.parseInt(chunked.substring(at, lineEnd).trim(), 16);
                if (size == 0) {
                    return out.toString();
                }
                out.append(chunked, lineEnd + 2, lineEnd + 2 + size);
                at = lineEnd + 2 + size + 2;
            }
        }
    }
}
