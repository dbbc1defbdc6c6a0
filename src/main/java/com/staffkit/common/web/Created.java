package com.staffkit.common.web;

import java.net.URI;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** The {@code Location} of a resource just created: an absolute URL of the same service. */
public final class Created {

    private Created() {}

    /** {@code path} holds one {@code {id}} placeholder, e.g. {@code /api/teams/{id}}. */
    public static URI location(String path, long id) {
        return ServletUriComponentsBuilder.fromCurrentContextPath()
                .path(path)
                .buildAndExpand(id)
                .toUri();
    }
}
