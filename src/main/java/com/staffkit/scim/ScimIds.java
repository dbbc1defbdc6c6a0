package com.staffkit.scim;

import com.staffkit.common.error.NotFoundException;

/** SCIM ids are strings; ours are numbers, so any other id names no resource (404, not 400). */
final class ScimIds {

    private ScimIds() {}

    static long parse(String id, String resourceType) {
        try {
            long parsed = Long.parseLong(id);
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException ignored) {
            // Falls through to 404.
        }
        throw notFound(id, resourceType);
    }

    static NotFoundException notFound(String id, String resourceType) {
        return new NotFoundException("No " + resourceType + " with id " + id + ".");
    }
}
