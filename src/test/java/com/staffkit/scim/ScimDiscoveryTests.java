package com.staffkit.scim;

import static com.staffkit.scim.ScimContract.ENTERPRISE_USER;
import static com.staffkit.scim.ScimContract.ERROR;
import static com.staffkit.scim.ScimContract.GROUP;
import static com.staffkit.scim.ScimContract.SCIM_JSON;
import static com.staffkit.scim.ScimContract.USER;
import static com.staffkit.support.Json.strings;
import static org.assertj.core.api.Assertions.assertThat;

import com.staffkit.support.ApiResponse;
import com.staffkit.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code /scim/v2}'s discovery endpoints, called as an identity provider does: an API key whose
 * role carries {@code scim:provision}, sent as {@code Authorization: Bearer}; and every refusal in
 * the SCIM error schema.
 */
class ScimDiscoveryTests extends IntegrationTest {

    private static final String SCIM = "/scim/v2";

    private Member admin;
    private JsonNode provisioningKey;
    private String key;

    @BeforeEach
    void anIdentityProvidersKey() {
        long organization = newOrganization("Scim Retail");
        admin = member(organization, "admin");
        String role = "SCIM provisioner " + unique();
        api.post("/api/v1/roles")
                .token(admin.token())
                .json(Map.of("name", role, "permissions", List.of("scim:provision")))
                .send()
                .json(201);
        provisioningKey = mint(role);
        key = provisioningKey.get("key").asString();
    }

    @Nested
    class Discovery {

        @Test
        void serviceProviderConfigSaysExactlyWhatIsSupported() {
            ApiResponse response =
                    api.get(SCIM + "/ServiceProviderConfig").token(key).send();

            assertThat(response.status()).as(response.body()).isEqualTo(200);
            assertThat(response.contentType()).startsWith(SCIM_JSON);
            JsonNode config = response.json();
            assertThat(strings(config.get("schemas")))
                    .containsExactly("urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig");
            assertThat(config.get("patch").get("supported").asBoolean()).isTrue();
            assertThat(config.get("filter").get("supported").asBoolean()).isTrue();
            assertThat(config.get("filter").get("maxResults").asInt()).isEqualTo(200);
            assertThat(config.get("etag").get("supported").asBoolean()).isTrue();
            assertThat(config.get("sort").get("supported").asBoolean()).isFalse();
            assertThat(config.get("changePassword").get("supported").asBoolean())
                    .isFalse();
            assertThat(config.get("bulk").get("supported").asBoolean()).isFalse();
            JsonNode scheme = config.get("authenticationSchemes").get(0);
            assertThat(scheme.get("type").asString()).isEqualTo("oauthbearertoken");
            assertThat(scheme.get("name").asString()).isEqualTo("HTTP Bearer");
            assertThat(config.get("meta").get("resourceType").asString()).isEqualTo("ServiceProviderConfig");
            assertThat(config.get("meta").get("location").asString()).endsWith(SCIM + "/ServiceProviderConfig");
        }

        @Test
        void resourceTypesAreUsersWithTheEnterpriseExtensionAndGroups() {
            ApiResponse response = api.get(SCIM + "/ResourceTypes").token(key).send();

            assertThat(response.status()).as(response.body()).isEqualTo(200);
            assertThat(response.contentType()).startsWith(SCIM_JSON);
            JsonNode list = response.json();
            assertThat(strings(list.get("schemas")))
                    .containsExactly("urn:ietf:params:scim:api:messages:2.0:ListResponse");
            assertThat(list.get("totalResults").asInt()).isEqualTo(2);
            JsonNode user = list.get("Resources").get(0);
            JsonNode group = list.get("Resources").get(1);
            assertThat(user.get("id").asString()).isEqualTo("User");
            assertThat(user.get("endpoint").asString()).isEqualTo("/Users");
            assertThat(user.get("schema").asString()).isEqualTo(USER);
            assertThat(user.get("schemaExtensions").get(0).get("schema").asString())
                    .isEqualTo(ENTERPRISE_USER);
            assertThat(user.get("schemaExtensions").get(0).get("required").asBoolean())
                    .isFalse();
            assertThat(user.get("meta").get("location").asString()).endsWith(SCIM + "/ResourceTypes/User");
            assertThat(group.get("id").asString()).isEqualTo("Group");
            assertThat(group.get("endpoint").asString()).isEqualTo("/Groups");
            assertThat(group.get("schema").asString()).isEqualTo(GROUP);

            JsonNode one =
                    api.get(SCIM + "/ResourceTypes/Group").token(key).send().json(200);
            assertThat(one.get("schema").asString()).isEqualTo(GROUP);
        }

        @Test
        void schemasAreTheCoreUserTheEnterpriseUserAndGroup() {
            ApiResponse response = api.get(SCIM + "/Schemas").token(key).send();

            assertThat(response.status()).as(response.body()).isEqualTo(200);
            assertThat(response.contentType()).startsWith(SCIM_JSON);
            List<String> ids = new ArrayList<>();
            response.json()
                    .get("Resources")
                    .forEach(schema -> ids.add(schema.get("id").asString()));
            assertThat(ids).containsExactly(USER, ENTERPRISE_USER, GROUP);
            assertThat(response.json().get("totalResults").asInt()).isEqualTo(3);

            ApiResponse enterprise =
                    api.get(SCIM + "/Schemas/" + ENTERPRISE_USER).token(key).send();
            assertThat(enterprise.status()).as(enterprise.body()).isEqualTo(200);
            assertThat(enterprise.contentType()).startsWith(SCIM_JSON);
            assertThat(enterprise.json().get("id").asString()).isEqualTo(ENTERPRISE_USER);
            assertThat(enterprise.json().get("meta").get("resourceType").asString())
                    .isEqualTo("Schema");
            JsonNode userName = api.get(SCIM + "/Schemas/" + USER)
                    .token(key)
                    .send()
                    .json(200)
                    .get("attributes")
                    .get(0);
            assertThat(userName.get("name").asString()).isEqualTo("userName");
            assertThat(userName.get("uniqueness").asString()).isEqualTo("server");
        }

        @Test
        void answersScimJsonWhicheverJsonTheClientAccepts() {
            for (String accept : List.of(SCIM_JSON, "application/json", "*/*")) {
                ApiResponse response = api.get(SCIM + "/ResourceTypes/User")
                        .token(key)
                        .header("Accept", accept)
                        .send();

                assertThat(response.status())
                        .as(accept + ": " + response.body())
                        .isEqualTo(200);
                assertThat(response.contentType()).as(accept).startsWith(SCIM_JSON);
            }
        }

        @Test
        void answersWithAndWithoutATrailingSlash() {
            assertThat(api.get(SCIM + "/Schemas/").token(key).send().status()).isEqualTo(200);
            assertThat(api.get(SCIM + "/ServiceProviderConfig/")
                            .token(key)
                            .send()
                            .status())
                    .isEqualTo(200);
        }

        @Test
        void theSameKeyWorksAsXApiKeyAndAsToken() {
            ApiResponse asHeader = api.get(SCIM + "/ServiceProviderConfig")
                    .header("X-Api-Key", key)
                    .send();
            ApiResponse asToken = api.get(SCIM + "/ServiceProviderConfig")
                    .header("Authorization", "Token " + key)
                    .send();

            assertThat(asHeader.status()).as(asHeader.body()).isEqualTo(200);
            assertThat(asToken.status()).as(asToken.body()).isEqualTo(200);
        }
    }

    @Nested
    class BearerKeys {

        @Test
        void aKeySentAsBearerActsWithItsRolesOnTheWholeApi() {
            String memberKey = mint("member").get("key").asString();

            assertThat(api.get("/api/v1/staffs").token(memberKey).send().status())
                    .isEqualTo(200);
            assertThat(api.get("/api/v1/roles").token(memberKey).send().status())
                    .isEqualTo(403);
        }

        @Test
        void aRevokedKeySentAsBearerIs401() {
            api.delete("/api/v1/api-keys/" + provisioningKey.get("id").asLong())
                    .token(admin.token())
                    .send();

            ApiResponse scim =
                    api.get(SCIM + "/ServiceProviderConfig").token(key).send();
            ApiResponse rest = api.get("/api/v1/staffs").token(key).send();

            assertScimError(scim, 401);
            assertThat(scim.header("WWW-Authenticate")).contains("invalid_token");
            assertThat(rest.status()).isEqualTo(401);
            assertThat(rest.contentType()).startsWith("application/problem+json");
        }

        @Test
        void anUnknownKeySentAsBearerIs401() {
            assertScimError(api.get(SCIM + "/Schemas").token("sk_no-such-key").send(), 401);
        }
    }

    @Nested
    class Errors {

        @Test
        void noCredentialIs401InTheScimErrorSchema() {
            ApiResponse response = api.get(SCIM + "/ServiceProviderConfig").send();

            assertScimError(response, 401);
            assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
            assertThat(response.json().get("detail").asString())
                    .contains("API key")
                    .doesNotContain("access_token");
            ApiResponse revoked = api.get(SCIM + "/ServiceProviderConfig")
                    .token("sk_not-a-key")
                    .send();
            assertScimError(revoked, 401);
            assertThat(revoked.json().get("detail").asString())
                    .isEqualTo("The API key is invalid, expired or revoked.");
        }

        @Test
        void aBodyThatIsNeitherScimJsonNorJsonIs415() {
            ApiResponse response = api.post(SCIM + "/Users")
                    .token(key)
                    .body("text/plain", "userName=x")
                    .send();

            assertScimError(response, 415);
            assertThat(response.json().get("detail").asString()).contains("application/scim+json");
            assertThat(response.header("Accept")).contains("application/scim+json");
        }

        @Test
        void aKeyWithoutScimProvisionIs403() {
            String memberKey = mint("member").get("key").asString();

            assertScimError(api.get(SCIM + "/Schemas").token(memberKey).send(), 403);
        }

        @Test
        void anUnknownSchemaResourceTypeOrPathIs404() {
            assertScimError(api.get(SCIM + "/Schemas/urn:nope").token(key).send(), 404);
            assertScimError(api.get(SCIM + "/ResourceTypes/Nope").token(key).send(), 404);
            assertScimError(api.get(SCIM + "/Nope").token(key).send(), 404);
        }

        @Test
        void aWrongMethodIs405() {
            ApiResponse response =
                    api.post(SCIM + "/Schemas").token(key).json("{}").send();

            assertScimError(response, 405);
            assertThat(response.header("Allow")).contains("GET");
        }

        @Test
        void theRestOfTheApiKeepsProblemJson() {
            ApiResponse response = api.get("/api/v1/nope").token(key).send();

            assertThat(response.status()).isEqualTo(404);
            assertThat(response.contentType()).startsWith("application/problem+json");
        }
    }

    private static void assertScimError(ApiResponse response, int status) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith(SCIM_JSON);
        JsonNode body = response.json();
        assertThat(strings(body.get("schemas"))).containsExactly(ERROR);
        assertThat(body.get("status").isString()).as(response.body()).isTrue();
        assertThat(body.get("status").asString()).isEqualTo(Integer.toString(status));
        assertThat(body.get("detail").asString()).isNotBlank();
        assertThat(body.has("type")).isFalse();
    }

    private JsonNode mint(String role) {
        return api.post("/api/v1/api-keys")
                .token(admin.token())
                .json(Map.of("name", "Identity provider " + unique(), "roles", List.of(role)))
                .send()
                .json(201);
    }
}
