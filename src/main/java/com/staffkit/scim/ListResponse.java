package com.staffkit.scim;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** A SCIM list (RFC 7644 §3.4.2): the discovery documents whole, resources a page at a time. */
record ListResponse<T>(
        List<String> schemas,
        int totalResults,
        int itemsPerPage,
        int startIndex,
        @JsonProperty("Resources") List<T> resources) {

    /** One page of a longer list: {@code totalResults} counts every match. */
    static <T> ListResponse<T> page(List<T> resources, long totalResults, int startIndex) {
        return new ListResponse<>(
                List.of(ScimSchemas.LIST_RESPONSE),
                (int) Math.min(Integer.MAX_VALUE, totalResults),
                resources.size(),
                startIndex,
                resources);
    }

    static <T> ListResponse<T> of(List<T> resources) {
        return new ListResponse<>(List.of(ScimSchemas.LIST_RESPONSE), resources.size(), resources.size(), 1, resources);
    }
}
