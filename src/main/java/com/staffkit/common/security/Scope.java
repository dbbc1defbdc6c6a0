package com.staffkit.common.security;

import java.util.Collection;
import java.util.Objects;
import java.util.Set;

/**
 * What a caller may reach along one axis (organizations, stores): {@link All} of them or {@link Only}
 * the listed ones. "All" is said explicitly, never by a missing value, so a mapping bug that loses
 * the scope fails or narrows access instead of widening it.
 */
public sealed interface Scope<T> permits Scope.All, Scope.Only {

    static <T> Scope<T> all() {
        return new All<>();
    }

    static <T> Scope<T> only(Collection<T> members) {
        return new Only<>(Set.copyOf(members));
    }

    boolean isAll();

    boolean contains(T member);

    boolean containsAll(Collection<T> members);

    /** Whether any of these members is in scope: always for {@link All}, for {@link Only} if they share one. */
    boolean intersects(Collection<T> members);

    /** How many members the scope lists: none for {@link All}, which lists nothing. */
    int size();

    /** Every member. */
    record All<T>() implements Scope<T> {

        @Override
        public boolean isAll() {
            return true;
        }

        @Override
        public boolean contains(T member) {
            Objects.requireNonNull(member);
            return true;
        }

        @Override
        public boolean containsAll(Collection<T> members) {
            Objects.requireNonNull(members);
            return true;
        }

        @Override
        public boolean intersects(Collection<T> members) {
            return !members.isEmpty();
        }

        @Override
        public int size() {
            return 0;
        }
    }

    /** Only these members; none when the set is empty. */
    record Only<T>(Set<T> members) implements Scope<T> {

        public Only {
            members = Set.copyOf(members);
        }

        @Override
        public boolean isAll() {
            return false;
        }

        @Override
        public boolean contains(T member) {
            return members.contains(Objects.requireNonNull(member));
        }

        @Override
        public boolean containsAll(Collection<T> others) {
            return members.containsAll(others);
        }

        @Override
        public boolean intersects(Collection<T> others) {
            return others.stream().anyMatch(members::contains);
        }

        @Override
        public int size() {
            return members.size();
        }
    }
}
