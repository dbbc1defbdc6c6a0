package com.staffkit.scim;

/** The SCIM names the tests hold the service to, written out as RFC 7643 and RFC 7644 spell them. */
final class ScimContract {

    static final String SCIM_JSON = "application/scim+json";
    static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    static final String ENTERPRISE_USER = ENTERPRISE;
    static final String GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
    static final String ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";
    static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    static final String LIST = "urn:ietf:params:scim:api:messages:2.0:ListResponse";

    private ScimContract() {}
}
