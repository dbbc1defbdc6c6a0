package com.staffkit.scim;

import com.staffkit.common.error.ApiException;
import com.staffkit.common.error.ScimErrors;
import java.util.List;
import org.springframework.http.HttpStatus;

/** A failure RFC 7644 §3.12 names with a {@code scimType}, such as a filter that does not parse. */
final class ScimException extends ApiException {

    private ScimException(HttpStatus status, String scimType, String detail) {
        super(status, "scim-" + scimType, status.getReasonPhrase(), detail, List.of());
        getBody().setProperty(ScimErrors.SCIM_TYPE, scimType);
    }

    static ScimException badRequest(String scimType, String detail) {
        return new ScimException(HttpStatus.BAD_REQUEST, scimType, detail);
    }

    static ScimException invalidFilter(String detail) {
        return badRequest("invalidFilter", detail);
    }

    static ScimException invalidValue(String detail) {
        return badRequest("invalidValue", detail);
    }

    static ScimException invalidSyntax(String detail) {
        return badRequest("invalidSyntax", detail);
    }

    static ScimException invalidPath(String detail) {
        return badRequest("invalidPath", detail);
    }

    static ScimException mutability(String detail) {
        return badRequest("mutability", detail);
    }

    /** A failure the SCIM SDK reported while parsing or applying, with the scimType it chose. */
    static ScimException of(com.unboundid.scim2.common.exceptions.ScimException ex) {
        String scimType = ex.getScimError().getScimType();
        int status = ex.getScimError().getStatus();
        return new ScimException(
                HttpStatus.valueOf(status == 0 ? 400 : status),
                scimType == null ? "invalidValue" : scimType,
                ex.getScimError().getDetail() == null
                        ? ex.getMessage()
                        : ex.getScimError().getDetail());
    }
}
