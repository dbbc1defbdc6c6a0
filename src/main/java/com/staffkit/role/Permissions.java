package com.staffkit.role;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SequencedMap;
import java.util.Set;

/** The fixed catalogue of permissions, named {@code resource:action}. */
public final class Permissions {

    public static final String STAFF_READ = "staff:read";
    public static final String STAFF_WRITE = "staff:write";
    public static final String STAFF_DEACTIVATE = "staff:deactivate";
    public static final String ROLES_READ = "roles:read";
    public static final String ROLES_WRITE = "roles:write";
    public static final String ROLES_ASSIGN = "roles:assign";
    public static final String TEAMS_READ = "teams:read";
    public static final String TEAMS_WRITE = "teams:write";
    public static final String STORES_READ = "stores:read";
    public static final String STORES_WRITE = "stores:write";
    public static final String ORGANIZATIONS_READ = "organizations:read";
    public static final String ORGANIZATIONS_WRITE = "organizations:write";
    public static final String API_KEYS_MANAGE = "api-keys:manage";
    public static final String AUDIT_READ = "audit:read";
    public static final String WEBHOOKS_MANAGE = "webhooks:manage";
    /** Provisioning through SCIM 2.0 ({@code /scim/v2}), as identity providers do with an API key. */
    public static final String SCIM_PROVISION = "scim:provision";
    /**
     * Service-wide: metrics and build information span every organization. Only the built-in
     * superadmin role holds it; no custom role (hence no API key) may carry it.
     */
    public static final String SERVICE_METRICS = "service:metrics";

    private static final Set<String> SERVICE_WIDE = Set.of(SERVICE_METRICS);

    private static final SequencedMap<String, String> CATALOGUE = new LinkedHashMap<>();

    static {
        CATALOGUE.put(STAFF_READ, "Read the staff directory.");
        CATALOGUE.put(STAFF_WRITE, "Create staff members and change their profiles.");
        CATALOGUE.put(STAFF_DEACTIVATE, "Deactivate and reactivate staff members.");
        CATALOGUE.put(ROLES_READ, "Read roles and their permissions.");
        CATALOGUE.put(ROLES_WRITE, "Create, change and delete custom roles.");
        CATALOGUE.put(ROLES_ASSIGN, "Change the roles of staff members.");
        CATALOGUE.put(TEAMS_READ, "Read teams and their members.");
        CATALOGUE.put(TEAMS_WRITE, "Create, change and delete teams and their membership.");
        CATALOGUE.put(STORES_READ, "Read stores and their staff.");
        CATALOGUE.put(STORES_WRITE, "Create, change and deactivate stores.");
        CATALOGUE.put(ORGANIZATIONS_READ, "Read organizations.");
        CATALOGUE.put(ORGANIZATIONS_WRITE, "Create, change and deactivate organizations.");
        CATALOGUE.put(API_KEYS_MANAGE, "Create, list and revoke API keys.");
        CATALOGUE.put(AUDIT_READ, "Read the audit history.");
        CATALOGUE.put(
                SERVICE_METRICS,
                "Read the service-wide metrics and build information (every organization's); superadmin only.");
        CATALOGUE.put(WEBHOOKS_MANAGE, "Create, change, test and delete webhooks; read their deliveries.");
        CATALOGUE.put(
                SCIM_PROVISION, "Provision staff and teams through SCIM 2.0 (/scim/v2), as identity providers do.");
    }

    private Permissions() {}

    /** True for a permission about the whole service rather than one organization: no custom role carries it. */
    public static boolean isServiceWide(String permission) {
        return SERVICE_WIDE.contains(permission);
    }

    /** Every permission with a description, in catalogue order. */
    public static Map<String, String> catalogue() {
        return java.util.Collections.unmodifiableSequencedMap(CATALOGUE);
    }
}
