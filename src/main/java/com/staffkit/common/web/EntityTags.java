package com.staffkit.common.web;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Strong entity tags (RFC 9110 §8.8.3): a digest of a resource's JSON as the API writes it, so the
 * tag changes with anything a client can see change (a login time, a store's new name), not only
 * with the row's version. A GET sends it ({@link EntityTagged}); a write compares the current
 * representation's tag with the client's {@link IfMatch} inside its own transaction.
 */
@Component
public class EntityTags {

    private final JsonMapper json;

    EntityTags(JsonMapper json) {
        this.json = json;
    }

    /** The quoted tag of a representation, e.g. {@code "q3V1x0mX2cZ5oXbqg2k9sA"}. */
    public String of(Object representation) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(json.writeValueAsBytes(representation));
            return "\""
                    + Base64.getUrlEncoder()
                            .withoutPadding()
                            .encodeToString(digest)
                            .substring(0, 22) + "\"";
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", ex);
        }
    }
}
