package com.staffkit.common.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.staffkit.support.ApiResponse;
import com.staffkit.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Spec-driven fuzzing: every operation of the published document is called anonymously, with
 * malformed path and query parameters and with bodies the document declares invalid (an unknown
 * property, a value of the wrong JSON type, a missing or null required property, a string too
 * long, no JSON at all, another media type). The service must answer each with a documented
 * status, never 5xx, every error as problem+json, and never 2xx for what the document refuses; its
 * successful reads must match their documented schemas.
 */
class ContractFuzzTests extends IntegrationTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaRegistryConfig(
                    SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
    private static final Map<String, String> IDS = new java.util.concurrent.ConcurrentHashMap<>();

    private JsonNode document;

    @BeforeEach
    void readDocumentAndFixtures() {
        document = api.get("/v3/api-docs").send().json(200);
        if (IDS.isEmpty()) {
            String token = superadminToken();
            IDS.put(
                    "staffs",
                    createStaff(Map.of("first_name", "Fuzz", "last_name", "Target", "email", uniqueEmail("fuzz")))
                            .get("id")
                            .asString());
            IDS.put("stores", id(api.post("/api/v1/stores/").token(token).json(Map.of("name", "Fuzz " + unique()))));
            IDS.put("teams", id(api.post("/api/teams/").token(token).json(Map.of("name", "Fuzz " + unique()))));
            IDS.put(
                    "roles",
                    id(api.post("/api/v1/roles/")
                            .token(token)
                            .json(Map.of("name", "Fuzz " + unique(), "permissions", List.of("staff:read")))));
            IDS.put(
                    "api-keys",
                    id(api.post("/api/v1/api-keys/")
                            .token(token)
                            .json(Map.of("name", "Fuzz " + unique(), "roles", List.of("member")))));
            IDS.put(
                    "organizations",
                    id(api.post("/api/v1/organizations/")
                            .token(token)
                            .json(Map.of("name", "Fuzz " + unique(), "parent", defaultOrganization()))));
        }
    }

    private static String id(com.staffkit.support.Api.Request create) {
        return create.send().json(201).get("id").asString();
    }

    @TestFactory
    Stream<DynamicTest> everyOperation() {
        List<DynamicTest> tests = new ArrayList<>();
        document.get("paths")
                .properties()
                .forEach(path -> path.getValue().properties().forEach(op -> {
                    String method = op.getKey().toUpperCase();
                    Operation operation = new Operation(method, path.getKey(), op.getValue());
                    tests.add(DynamicTest.dynamicTest(operation + " anonymously", () -> anonymously(operation)));
                    tests.add(DynamicTest.dynamicTest(
                            operation + " with malformed parameters", () -> badParameters(operation)));
                    if (operation.spec.has("requestBody")) {
                        tests.add(DynamicTest.dynamicTest(
                                operation + " with invalid bodies", () -> badBodies(operation)));
                    }
                    if (method.equals("GET")) {
                        tests.add(DynamicTest.dynamicTest(
                                operation + " answers as documented", () -> documented(operation)));
                    }
                }));
        return tests.stream();
    }

    private void anonymously(Operation operation) {
        ApiResponse response = operation.call(this, Map.of(), null, null, false);
        if (!operation.isPublic()) {
            assertThat(response.status()).as(operation + " " + response.body()).isEqualTo(401);
        }
        assertAnswer(operation, response);
    }

    private void badParameters(Operation operation) {
        for (JsonNode parameter : operation.parameters()) {
            String name = parameter.get("name").asString();
            String type = typeOf(parameter.get("schema"));
            List<String> bad = switch (type) {
                case "integer" -> new ArrayList<>(List.of("abc", "1.5", ""));
                case "boolean" -> List.of("yes", "");
                default -> List.of();
            };
            if (parameter.get("schema").has("maximum")) {
                bad.add(Long.toString(parameter.get("schema").get("maximum").asLong() + 1));
            }
            if (parameter.get("schema").has("minimum")) {
                bad.add(Long.toString(parameter.get("schema").get("minimum").asLong() - 1));
            }
            for (String value : bad) {
                if (parameter.get("in").asString().equals("path") && value.isEmpty()) {
                    continue;
                }
                ApiResponse response = operation.call(this, Map.of(name, value), null, null, true);
                String what = operation + " " + name + "=" + value;
                assertThat(response.status()).as(what + ": " + response.body()).isIn(400, 404);
                assertAnswer(operation, response);
            }
        }
    }

    private void badBodies(Operation operation) {
        JsonNode schema = resolve(operation.spec.at("/requestBody/content/application~1json/schema"));
        ObjectNode base = example(schema);
        List<Map.Entry<String, String>> bodies = new ArrayList<>();
        bodies.add(Map.entry("an unknown property", with(base, "unknown_property", NODES.numberNode(1))));
        JsonNode properties = schema.path("properties");
        properties.properties().forEach(property -> {
            JsonNode propertySchema = property.getValue();
            if (propertySchema.path("readOnly").asBoolean()) {
                return;
            }
            for (JsonNode wrong : wrongTypes(propertySchema)) {
                bodies.add(Map.entry(property.getKey() + "=" + wrong, with(base, property.getKey(), wrong)));
            }
            if (propertySchema.has("maxLength")) {
                String tooLong = "a".repeat(propertySchema.get("maxLength").asInt() + 1);
                bodies.add(Map.entry(
                        property.getKey() + " too long", with(base, property.getKey(), NODES.stringNode(tooLong))));
            }
        });
        schema.path("required").valueStream().map(JsonNode::asString).forEach(required -> {
            ObjectNode missing = base.deepCopy();
            missing.remove(required);
            bodies.add(Map.entry("without " + required, missing.toString()));
            if (!allowsNull(properties.path(required))) {
                bodies.add(Map.entry(required + "=null", with(base, required, NODES.nullNode())));
            }
        });
        bodies.add(Map.entry("no JSON", "{\"first_name\": "));
        for (Map.Entry<String, String> body : bodies) {
            ApiResponse response = operation.call(this, Map.of(), "application/json", body.getValue(), true);
            String what = operation + " with " + body.getKey() + ": " + body.getValue() + " -> " + response.body();
            assertThat(response.status()).as(what).isBetween(400, 499);
            assertAnswer(operation, response);
        }
        ApiResponse text = operation.call(this, Map.of(), "text/plain", "hello", true);
        assertThat(text.status()).as(operation + " as text/plain").isIn(404, 415);
        assertAnswer(operation, text);
    }

    private void documented(Operation operation) {
        ApiResponse response = operation.call(this, Map.of(), null, null, true);
        assertAnswer(operation, response);
        if (response.status() == 200
                && operation.spec.at("/responses/200/content").has("text/csv")) {
            assertThat(response.contentType()).as(operation.toString()).startsWith("text/csv");
        } else if (response.status() == 200) {
            JsonNode schema = operation.spec.at("/responses/200/content/application~1json/schema");
            ObjectNode wrapper = json.createObjectNode();
            wrapper.set("allOf", json.createArrayNode().add(schema));
            wrapper.set("components", document.get("components"));
            assertThat(SCHEMAS.getSchema(wrapper).validate(json.readTree(response.body())))
                    .as(operation + " body against its schema: " + response.body())
                    .isEmpty();
        }
    }

    /** Every answer: a documented status, no server error, errors as problems naming their status. */
    private void assertAnswer(Operation operation, ApiResponse response) {
        String what = operation + " -> " + response.status() + " " + response.body();
        assertThat(response.status()).as(what).isLessThan(500);
        assertThat(operation.spec.get("responses").has(Integer.toString(response.status())))
                .as(what + " is a documented status")
                .isTrue();
        if (response.status() >= 400) {
            assertThat(response.header("Content-Type")).as(what).startsWith("application/problem+json");
            JsonNode problem = json.readTree(response.body());
            assertThat(problem.get("status").asInt()).as(what).isEqualTo(response.status());
            for (String member : List.of("type", "title", "detail", "instance")) {
                assertThat(problem.hasNonNull(member))
                        .as(what + " has " + member)
                        .isTrue();
            }
        }
    }

    private JsonNode resolve(JsonNode schema) {
        if (schema.has("$ref")) {
            return document.at(schema.get("$ref").asString().substring(1));
        }
        if (schema.has("anyOf")) {
            return schema.get("anyOf")
                    .valueStream()
                    .filter(s -> !typeOf(s).equals("null"))
                    .map(this::resolve)
                    .findFirst()
                    .orElse(schema);
        }
        return schema;
    }

    /** A body with each required property set to its example or a plain value of its type. */
    private ObjectNode example(JsonNode schema) {
        ObjectNode body = json.createObjectNode();
        schema.path("required").valueStream().map(JsonNode::asString).forEach(name -> {
            JsonNode property = resolve(schema.get("properties").get(name));
            body.set(name, property.has("example") ? property.get("example") : plainValue(property));
        });
        return body;
    }

    private JsonNode plainValue(JsonNode schema) {
        return switch (typeOf(schema)) {
            case "integer" -> NODES.numberNode(1);
            case "number" -> NODES.numberNode(1.5);
            case "boolean" -> NODES.booleanNode(true);
            case "array" -> NODES.arrayNode().add(plainValue(resolve(schema.path("items"))));
            case "object" -> example(schema);
            default -> NODES.stringNode("fuzz-" + unique());
        };
    }

    private List<JsonNode> wrongTypes(JsonNode propertySchema) {
        JsonNode schema = resolve(propertySchema);
        if (schema.isMissingNode() || (!schema.has("type") && !schema.has("properties"))) {
            return List.of();
        }
        Function<String, Boolean> allowed = type -> schema.has("properties")
                ? type.equals("object")
                : schema.get("type").isArray()
                        ? schema.get("type")
                                .valueStream()
                                .anyMatch(t -> t.asString().equals(type))
                        : schema.get("type").asString().equals(type);
        List<JsonNode> wrong = new ArrayList<>();
        if (!allowed.apply("string")) {
            wrong.add(NODES.stringNode(allowed.apply("integer") ? "12" : allowed.apply("boolean") ? "yes" : "x"));
        }
        if (!allowed.apply("integer") && !allowed.apply("number")) {
            wrong.add(NODES.numberNode(10));
        }
        if (allowed.apply("integer")) {
            wrong.add(NODES.numberNode(12.5));
        }
        if (!allowed.apply("boolean")) {
            wrong.add(NODES.booleanNode(true));
        }
        if (!allowed.apply("object")) {
            wrong.add(json.createObjectNode().put("x", 1));
        }
        if (!allowed.apply("array")) {
            wrong.add(NODES.arrayNode().add(1));
        }
        return wrong;
    }

    private boolean allowsNull(JsonNode propertySchema) {
        return propertySchema.path("type").isArray()
                        && propertySchema
                                .get("type")
                                .valueStream()
                                .anyMatch(t -> t.asString().equals("null"))
                || propertySchema
                        .path("anyOf")
                        .valueStream()
                        .anyMatch(s -> typeOf(s).equals("null"));
    }

    private static String typeOf(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            return type.valueStream()
                    .map(JsonNode::asString)
                    .filter(t -> !t.equals("null"))
                    .findFirst()
                    .orElse("null");
        }
        return type.asString("");
    }

    private static String with(ObjectNode base, String property, JsonNode value) {
        ObjectNode body = base.deepCopy();
        body.set(property, value);
        return body.toString();
    }

    /** One operation of the document, callable with its path filled from the fixtures. */
    private record Operation(String method, String path, JsonNode spec) {

        boolean isPublic() {
            return spec.has("security") && spec.get("security").isEmpty();
        }

        List<JsonNode> parameters() {
            return spec.path("parameters").valueStream().toList();
        }

        ApiResponse call(
                ContractFuzzTests test,
                Map<String, String> overrides,
                String contentType,
                String body,
                boolean signedIn) {
            String resource = path.replaceFirst("^/api/(v1/)?", "").replaceFirst("/.*", "");
            String url = path;
            StringBuilder query = new StringBuilder();
            for (JsonNode parameter : parameters()) {
                String name = parameter.get("name").asString();
                String in = parameter.get("in").asString();
                String value = overrides.get(name);
                if (in.equals("path")) {
                    String fixture = switch (name) {
                        case "storeId" -> IDS.get("stores");
                        case "staffId" -> IDS.get("staffs");
                        case "token" -> "no-such-token";
                        default -> IDS.getOrDefault(resource, "1");
                    };
                    url = url.replace("{" + name + "}", value != null ? value : fixture);
                } else if (value != null) {
                    query.append(query.isEmpty() ? "?" : "&")
                            .append(name)
                            .append('=')
                            .append(value);
                }
            }
            var request = test.api.request(method, url + query);
            if (signedIn) {
                request.token(test.superadminToken());
            }
            if (spec.has("requestBody")) {
                // Unless the test names another, the media type the operation takes (JSON, or CSV for an import).
                String declared = spec.at("/requestBody/content")
                        .propertyNames()
                        .iterator()
                        .next();
                request.body(contentType == null ? declared : contentType, body == null ? "{}" : body);
            }
            return request.send();
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }
}
