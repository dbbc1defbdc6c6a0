package com.staffkit.common.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.staffkit.support.ApiResponse;
import com.staffkit.support.IntegrationTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The published document at {@code /v3/api-docs}, checked as a client generator would read it: a
 * valid OpenAPI 3.1 document (against the OpenAPI Initiative's own schema), every operation typed
 * on success and on error, credentials declared, every example valid against its schema.
 */
class OpenApiDocumentTests extends IntegrationTest {

    static final Set<String> PUBLIC_OPERATIONS = Set.of(
            "login",
            "refreshTokens",
            "logout",
            "checkActivationToken",
            "activateAccount",
            "requestPasswordReset",
            "confirmPasswordReset");

    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaRegistryConfig(
                    SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));

    private JsonNode document;

    @BeforeEach
    void readDocument() {
        document = api.get("/v3/api-docs").send().json(200);
    }

    /**
     * The document partners download, and the build generates its test client from, is the one the
     * service serves (less the server address of this run).
     */
    @Test
    void isPublishedInDocsAsServed() throws IOException {
        ObjectNode served = (ObjectNode) document.deepCopy();
        served.remove("servers");
        Path published = Path.of("docs/openapi.json");
        if (Boolean.getBoolean("staffkit.openapi.update")) {
            Files.writeString(published, json.writerWithDefaultPrettyPrinter().writeValueAsString(served) + "\n");
        }
        assertThat(json.readTree(Files.readString(published)))
                .as("docs/openapi.json differs from /v3/api-docs; refresh it with"
                        + " ./mvnw verify -Dtest=OpenApiDocumentTests -Dstaffkit.openapi.update=true")
                .isEqualTo(served);
    }

    @Test
    void isAValidOpenApi31Document() {
        var oas = SCHEMAS.getSchema(getClass().getResourceAsStream("/openapi/oas-3.1-schema.json"));
        assertThat(document.get("openapi").asString()).startsWith("3.1.");
        assertThat(oas.validate(document))
                .as("the document against the OpenAPI 3.1 schema")
                .isEmpty();

        var metaSchema = SCHEMAS.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        List<String> invalid = new ArrayList<>();
        document.get("components")
                .get("schemas")
                .properties()
                .forEach(schema -> metaSchema
                        .validate(schema.getValue())
                        .forEach(error -> invalid.add(schema.getKey() + ": " + error)));
        assertThat(invalid).as("component schemas against JSON Schema 2020-12").isEmpty();
    }

    @Nested
    class Operations {

        @Test
        void haveUniqueReadableOperationIdsAndTags() {
            Set<String> seen = new HashSet<>();
            operations((where, operation) -> {
                String id = operation.path("operationId").asString("");
                assertThat(id).as(where).matches("[a-z]+[A-Za-z]*").doesNotContain("_");
                assertThat(seen.add(id)).as("%s: %s is unique", where, id).isTrue();
                assertThat(operation.get("tags")).as(where).hasSize(1);
            });
            assertThat(seen).contains("listStaff", "getStaff", "createStaff", "login", "refreshTokens");
        }

        @Test
        void declareATypedSuccessResponse() {
            operations((where, operation) -> {
                List<Map.Entry<String, JsonNode>> successes = operation.get("responses").properties().stream()
                        .filter(e -> e.getKey().startsWith("2"))
                        .toList();
                assertThat(successes).as(where).hasSize(1);
                String status = successes.getFirst().getKey();
                JsonNode content = successes.getFirst().getValue().path("content");
                // A 204 has no body; a 202 either none or what was queued (a webhook test's event id).
                if (status.equals("204") || (status.equals("202") && content.isMissingNode())) {
                    assertThat(content.isMissingNode())
                            .as(where + " " + status + " has no body")
                            .isTrue();
                    return;
                }
                if (content.has("text/csv")) {
                    // The staff export: CSV, streamed.
                    assertThat(content.propertyNames()).as(where).containsExactly("text/csv");
                    assertThat(content.get("text/csv").get("schema").get("type").asString())
                            .as(where)
                            .isEqualTo("string");
                    return;
                }
                assertThat(content.propertyNames()).as(where).containsExactly("application/json");
                assertTyped(where, content.get("application/json").get("schema"));
                if (status.equals("201")) {
                    assertThat(successes.getFirst().getValue().path("headers").has("Location"))
                            .as(where)
                            .isTrue();
                }
            });
        }

        @Test
        void declareTheirRequestBodySchema() {
            operations((where, operation) -> {
                JsonNode body = operation.path("requestBody");
                if (body.isMissingNode()) {
                    return;
                }
                assertThat(body.path("required").asBoolean()).as(where).isTrue();
                body.get("content")
                        .properties()
                        .forEach(media -> assertTyped(where, media.getValue().get("schema")));
            });
        }

        @Test
        void declareEveryErrorAsAProblemWithAnExampleOfItsStatus() {
            operations((where, operation) -> {
                Set<String> codes = new HashSet<>(operation.get("responses").propertyNames());
                assertThat(codes).as(where).contains("400", "503");
                if (!operation.has("security")) {
                    assertThat(codes).as(where).contains("401", "403");
                }
                if (operation.has("requestBody")) {
                    assertThat(codes).as(where).contains("413", "415");
                }
                operation.get("responses").properties().stream()
                        .filter(e -> e.getKey().compareTo("400") >= 0)
                        .forEach(e -> {
                            JsonNode media = e.getValue().path("content").path("application/problem+json");
                            assertThat(media.path("schema").path("$ref").asString())
                                    .as(where + " " + e.getKey())
                                    .isEqualTo("#/components/schemas/Problem");
                            assertThat(media.path("example").path("status").asInt())
                                    .as(where + " " + e.getKey())
                                    .isEqualTo(Integer.parseInt(e.getKey()));
                            assertThat(e.getValue().path("content").propertyNames())
                                    .containsExactly("application/problem+json");
                        });
            });
        }

        @Test
        void declareTheCredentialsTheyTake() {
            JsonNode global = document.get("security");
            assertThat(global.toString()).isEqualTo("[{\"bearer\":[]},{\"apiKey\":[]},{\"apiKeyToken\":[]}]");
            JsonNode schemes = document.get("components").get("securitySchemes");
            assertThat(schemes.get("apiKey").get("name").asString()).isEqualTo("X-Api-Key");
            assertThat(schemes.get("apiKeyToken").get("name").asString()).isEqualTo("Authorization");
            assertThat(schemes.get("bearer").get("scheme").asString()).isEqualTo("bearer");
            operations((where, operation) -> {
                boolean isPublic =
                        PUBLIC_OPERATIONS.contains(operation.get("operationId").asString());
                if (isPublic) {
                    assertThat(operation.get("security")).as(where).isNotNull().isEmpty();
                } else {
                    assertThat(operation.has("security"))
                            .as(where + " takes the global credentials")
                            .isFalse();
                }
            });
        }
    }

    @Test
    void listsTheGroupsWithAuthenticationFirstAndNoHtmlInDescriptions() {
        List<String> tags = document.get("tags")
                .valueStream()
                .map(tag -> tag.get("name").asString())
                .toList();
        assertThat(tags.getFirst()).isEqualTo("Authentication");
        // Swagger UI renders descriptions as Markdown: a bare <key> would be swallowed as an HTML tag.
        assertThat(document.toString().replaceAll("`[^`]*`", "")).doesNotContain("<key>");
    }

    @Test
    void loginExampleCanBeSentAsShown() {
        JsonNode login = document.at("/paths/~1api~1v1~1auth~1login/post/requestBody/content/application~1json");
        JsonNode example = login.has("example")
                ? login.get("example")
                : login.at("/examples").values().iterator().next().get("value");
        assertThat(example.propertyNames()).containsExactlyInAnyOrder("username", "password");
        JsonNode schema = document.at("/components/schemas/LoginRequest/properties/store");
        assertThat(schema.has("example")).isFalse();
    }

    /**
     * What Swagger UI fills in can be sent as shown: every body has an example, and an admin's
     * creates and changes are accepted (unique values made unique, so the test owns its data).
     */
    @Test
    void requestExamplesAreAcceptedAsShown() {
        operations((where, operation) -> operation
                .at("/requestBody/content")
                .properties()
                .forEach(media -> assertThat(media.getValue().has("example")
                                || media.getValue().has("examples"))
                        .as(where + " " + media.getKey())
                        .isTrue()));
        Map<String, String> created = new java.util.HashMap<>();
        List<String> order = List.of(
                "createStaff",
                "createStore",
                "createRole",
                "createTeam",
                "createOrganization",
                "createApiKey",
                "replaceStaff",
                "updateStaff",
                "replaceStore",
                "updateStore",
                "replaceRole",
                "updateRole",
                "replaceTeam",
                "updateTeam",
                "updateOrganization");
        for (String operationId : order) {
            operations((where, operation) -> {
                if (!operation.path("operationId").asString().equals(operationId)) {
                    return;
                }
                String path = where.substring(where.indexOf(' ') + 1);
                String resource = path.replaceFirst("^/api/(v1/)?", "").replaceFirst("/.*", "");
                ObjectNode body = (ObjectNode) operation
                        .at("/requestBody/content/application~1json/example")
                        .deepCopy();
                String suffix = unique();
                body.properties().forEach(field -> {
                    String value = field.getValue().asString("");
                    switch (field.getKey()) {
                        case "email" ->
                            field.setValue(json.getNodeFactory().stringNode(value.replace("@", "-" + suffix + "@")));
                        case "username", "remote_id", "slug" ->
                            field.setValue(json.getNodeFactory().stringNode(value + "-" + suffix));
                        case "name" -> field.setValue(json.getNodeFactory().stringNode(value + " " + suffix));
                        default -> {}
                    }
                });
                ApiResponse response = api.request(
                                where.substring(0, where.indexOf(' ')),
                                path.replace("{id}", created.getOrDefault(resource, "0")))
                        .token(superadminToken())
                        .json(body)
                        .send();
                assertThat(response.status())
                        .as(operationId + " " + body + " -> " + response.body())
                        .isBetween(200, 201);
                created.putIfAbsent(resource, response.json().get("id").asString());
            });
        }
        assertThat(created).containsKeys("staffs", "stores", "roles", "teams", "organizations", "api-keys");
    }

    @Test
    void everyExampleIsValidAgainstItsSchema() {
        List<String> invalid = new ArrayList<>();
        examples(document, "", (where, pair) -> validate(pair[0], pair[1]).forEach(e -> invalid.add(where + ": " + e)));
        assertThat(invalid).isEmpty();
    }

    /** Every (schema, example) pair: examples of media types and parameters, and of schemas themselves. */
    private static void examples(JsonNode node, String where, BiConsumer<String, JsonNode[]> each) {
        if (node.isObject()) {
            if (node.has("schema") && node.get("schema").isObject()) {
                if (node.has("example")) {
                    each.accept(where, new JsonNode[] {node.get("schema"), node.get("example")});
                }
                node.path("examples")
                        .properties()
                        .forEach(e -> each.accept(
                                where + "/examples/" + e.getKey(),
                                new JsonNode[] {node.get("schema"), e.getValue().get("value")}));
            } else if (node.has("example") && !where.endsWith("/content/application~1json") && looksLikeSchema(node)) {
                ObjectNode schema = ((ObjectNode) node).deepCopy();
                schema.remove("example");
                each.accept(where, new JsonNode[] {schema, node.get("example")});
            }
            node.properties()
                    .forEach(
                            e -> examples(e.getValue(), where + "/" + e.getKey().replace("/", "~1"), each));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                examples(node.get(i), where + "/" + i, each);
            }
        }
    }

    private static boolean looksLikeSchema(JsonNode node) {
        return node.has("type") || node.has("$ref") || node.has("anyOf") || node.has("properties");
    }

    private List<Error> validate(JsonNode schema, JsonNode example) {
        ObjectNode wrapper = json.createObjectNode();
        wrapper.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        wrapper.set("allOf", json.createArrayNode().add(schema));
        wrapper.set("components", document.get("components"));
        return SCHEMAS.getSchema(wrapper).validate(example);
    }

    private void assertTyped(String where, JsonNode schema) {
        assertThat(schema).as(where + " has a schema").isNotNull();
        JsonNode resolved =
                schema.has("$ref") ? document.at(schema.get("$ref").asString().substring(1)) : schema;
        assertThat(resolved.isMissingNode()).as(where + " resolves " + schema).isFalse();
        boolean typedObject = resolved.has("properties") || resolved.has("additionalProperties");
        boolean otherType =
                resolved.has("type") && !resolved.get("type").asString("").equals("object");
        assertThat(typedObject || otherType || resolved.has("items"))
                .as(where + " is typed, not a bare object: " + resolved)
                .isTrue();
    }

    private void operations(BiConsumer<String, JsonNode> each) {
        document.get("paths")
                .properties()
                .forEach(path -> path.getValue()
                        .properties()
                        .forEach(op -> each.accept(op.getKey().toUpperCase() + " " + path.getKey(), op.getValue())));
    }
}
