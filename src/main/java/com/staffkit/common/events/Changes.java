package com.staffkit.common.events;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/** Collects the fields an update changed; a field whose value stayed the same is left out. */
public final class Changes {

    private final List<FieldChange> changes = new ArrayList<>();

    public static Changes between() {
        return new Changes();
    }

    public Changes field(String field, @Nullable Object from, @Nullable Object to) {
        if (!Objects.equals(from, to)) {
            changes.add(FieldChange.of(field, from, to));
        }
        return this;
    }

    /** A set of values (ids, names), compared and reported in sorted order. */
    public <T extends Comparable<T>> Changes set(String field, Collection<T> from, Collection<T> to) {
        return field(field, List.copyOf(new TreeSet<>(from)), List.copyOf(new TreeSet<>(to)));
    }

    public Changes secret(String field, boolean changed) {
        if (changed) {
            changes.add(FieldChange.secret(field));
        }
        return this;
    }

    public boolean isEmpty() {
        return changes.isEmpty();
    }

    public List<FieldChange> list() {
        return List.copyOf(changes);
    }
}
