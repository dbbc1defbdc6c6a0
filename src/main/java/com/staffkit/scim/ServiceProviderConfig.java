package com.staffkit.scim;

import java.util.List;

/**
 * What this service supports of SCIM (RFC 7643 §5), exactly as built: PATCH, filters (at most
 * {@value #MAX_RESULTS} results), ETags; no bulk, no sorting, no password changes.
 */
record ServiceProviderConfig(
        List<String> schemas,
        String documentationUri,
        Supported patch,
        Bulk bulk,
        Filter filter,
        Supported changePassword,
        Supported sort,
        Supported etag,
        List<AuthenticationScheme> authenticationSchemes,
        Meta meta) {

    static final int MAX_RESULTS = 200;

    record Supported(boolean supported) {}

    record Bulk(boolean supported, int maxOperations, int maxPayloadSize) {}

    record Filter(boolean supported, int maxResults) {}

    record AuthenticationScheme(
            String type, String name, String description, String specUri, String documentationUri, boolean primary) {}

    static ServiceProviderConfig of(String documentationUri, Meta meta) {
        return new ServiceProviderConfig(
                List.of(ScimSchemas.SERVICE_PROVIDER_CONFIG),
                documentationUri,
                new Supported(true),
                new Bulk(false, 0, 0),
                new Filter(true, MAX_RESULTS),
                new Supported(false),
                new Supported(false),
                new Supported(true),
                List.of(new AuthenticationScheme(
                        "oauthbearertoken",
                        "HTTP Bearer",
                        "An API key of the organization, whose roles carry scim:provision, sent as"
                                + " Authorization: Bearer <key>.",
                        "https://www.rfc-editor.org/rfc/rfc6750",
                        documentationUri,
                        true)),
                meta);
    }
}
