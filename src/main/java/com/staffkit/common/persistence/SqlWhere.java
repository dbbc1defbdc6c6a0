package com.staffkit.common.persistence;

import com.staffkit.common.security.Scope;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A conjunction of SQL predicates with their named parameters, for list queries whose filters are
 * optional. Predicates come from code, never from clients; values are always bound.
 */
public final class SqlWhere {

    private final List<String> predicates = new ArrayList<>();
    private final Map<String, Object> params = new LinkedHashMap<>();

    /** Adds a predicate with one bound value, or none when {@code name} is null. */
    public SqlWhere and(String predicate, String name, Object value) {
        predicates.add(predicate);
        if (name != null) {
            params.put(name, value);
        }
        return this;
    }

    /**
     * Adds a partial-match predicate on {@code :name} bound to {@link #containing} of the trimmed
     * text, or nothing when the text is null or blank (a blank search is no search).
     */
    public SqlWhere andContaining(String predicate, String name, String text) {
        return isBlank(text) ? this : and(predicate, name, containing(text.trim()));
    }

    public static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }

    /**
     * Adds "{@code expression} is in the scope": nothing for every member, {@code expression =
     * any(:name)} for only these; both values are bound either way. The text follows the scope's variant (decided by the sealed type,
     * never by a null), so PostgreSQL plans each kind for what it is: a bound "all" flag ORed into
     * the predicate would let a cached generic plan walk the id index past a small organization's rows.
     */
    public SqlWhere andIn(String expression, String name, Scope<Long> scope) {
        // Both values stay bound: other predicates of the statement may test the same scope (ScopeSql).
        params.putAll(ScopeSql.params(name, scope));
        if (scope instanceof Scope.Only<Long>) {
            predicates.add(expression + " = any(:" + name + ")");
        }
        return this;
    }

    public SqlWhere and(String predicate) {
        return and(predicate, null, null);
    }

    /** A parameter used outside the predicates, such as a limit. */
    public SqlWhere bind(String name, Object value) {
        params.put(name, value);
        return this;
    }

    /** {@code " where a and b"}, or nothing. */
    public String sql() {
        return predicates.isEmpty() ? "" : " where " + String.join(" and ", predicates);
    }

    public Map<String, Object> params() {
        return params;
    }

    /** A {@code like} pattern matching the text anywhere, with its wildcards taken literally. */
    public static String containing(String text) {
        return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
