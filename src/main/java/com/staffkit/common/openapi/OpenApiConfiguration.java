package com.staffkit.common.openapi;

import com.staffkit.common.web.IfMatch;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.tags.Tag;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The published API description: its credentials (a bearer token or an API key in either header),
 * its groups in the order a new user needs them, and the customizers that make every operation's
 * answers exact ({@link OperationResponses}, {@link StrictSchemas}, {@link RecordSchemas}).
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String BEARER = "bearer";
    static final String API_KEY_HEADER = "apiKey";
    static final String API_KEY_TOKEN = "apiKeyToken";

    /** Groups as Swagger UI shows them: log in first, then the caller, then the resources. */
    static final List<Tag> TAGS = List.of(
            tag("Authentication", "Log in, refresh and log out"),
            tag("Me", "The logged-in staff member"),
            tag("Staff", "The staff directory of an organization"),
            tag("Teams", "Teams of staff with responsibilities, and their membership"),
            tag("Stores", "Retail stores (sites) of an organization and their staff"),
            tag("Roles and permissions", "Built-in and custom roles, and the permission catalogue"),
            tag("Organizations", "The organization tree: a franchisor and its franchisees, to any depth"),
            tag("API keys", "Keys for integration partners: send `X-Api-Key: <key>` or `Authorization: Token <key>`"),
            tag("Activation and password reset", "Emailed single-use links for new and forgetful staff"),
            tag("Audit", "Who changed what, when and from where: every change and access event, append-only"));

    static {
        // Bound from the If-Match header ({@link EntityTagHeaders} declares it), not a query object.
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(IfMatch.class);
    }

    @Bean
    RecordSchemas recordSchemas() {
        return new RecordSchemas();
    }

    @Bean
    OpenAPI staffkitOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Staffkit API").version("v1").description("""
                                Staff accounts of organizations: staff, roles, teams, stores and activation.

                                **Try it:** run `POST /api/v1/auth/login` with your username and password, copy \
                                the `access_token` from the answer, click **Authorize** and paste it under \
                                *bearer*. Integration partners paste an API key under *apiKey* (sent as \
                                `X-Api-Key: <key>`) or *apiKeyToken* (type `Token <key>`).

                                Every error is RFC 9457 `application/problem+json` with `type`, `title`, \
                                `status`, `detail`, `instance` and, for invalid fields, `errors`."""))
                .tags(TAGS)
                .components(new Components()
                        .addSecuritySchemes(
                                BEARER,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .description("The `access_token` from `POST /api/v1/auth/login`"))
                        .addSecuritySchemes(
                                API_KEY_HEADER,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.APIKEY)
                                        .in(SecurityScheme.In.HEADER)
                                        .name("X-Api-Key")
                                        .description("An API key from `POST /api/v1/api-keys`"))
                        .addSecuritySchemes(
                                API_KEY_TOKEN,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.APIKEY)
                                        .in(SecurityScheme.In.HEADER)
                                        .name("Authorization")
                                        .description("An API key as `Token <key>` (type the word Token, a space,"
                                                + " then the key)"))
                        .addSchemas(OperationResponses.PROBLEM, OperationResponses.problemSchema())
                        .addSchemas(OperationResponses.FIELD_ERROR, OperationResponses.fieldErrorSchema()))
                // Alternatives: any one of the three credentials will do.
                .addSecurityItem(new SecurityRequirement().addList(BEARER))
                .addSecurityItem(new SecurityRequirement().addList(API_KEY_HEADER))
                .addSecurityItem(new SecurityRequirement().addList(API_KEY_TOKEN));
    }

    @Bean
    OperationCustomizer problemResponses() {
        return new OperationResponses();
    }

    @Bean
    OpenApiCustomizer requestExamples() {
        return new RequestExamples();
    }

    @Bean
    OpenApiCustomizer strictSchemas(RecordSchemas records) {
        return new StrictSchemas(records);
    }

    private static Tag tag(String name, String description) {
        return new Tag().name(name).description(description);
    }
}
