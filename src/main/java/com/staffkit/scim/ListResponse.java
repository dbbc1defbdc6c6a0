package com.staffkit.scim;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** A SCIM list (RFC 7644 §3.4.2), here always complete on one page. */
record ListResponse<T>(
        List<String> schemas,
        int totalResults,
        int itemsPerPage,
        int startIndex,
        @JsonProperty("Resources") List<T> resources) {

    static <T> ListResponse<T> of(List<T> resources) {
        return new ListResponse<>(List.of(ScimSchemas.LIST_RESPONSE), resources.size(), resources.size(), 1, resources);
    }
}
