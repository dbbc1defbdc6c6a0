package com.staffkit.common.events;

import org.jspecify.annotations.Nullable;

/**
 * One field of an update, by its JSON name, from what to what. A secret (a password, a hash, a
 * token) is reported only as changed: its values never leave the owner.
 */
public record FieldChange(
        String field, @Nullable Object from, @Nullable Object to, boolean secret) {

    public static FieldChange of(String field, @Nullable Object from, @Nullable Object to) {
        return new FieldChange(field, from, to, false);
    }

    public static FieldChange secret(String field) {
        return new FieldChange(field, null, null, true);
    }
}
