package com.staffkit.common.persistence;

import com.staffkit.common.security.Scope;
import java.util.Map;

/**
 * A {@link Scope} in SQL: a predicate that binds {@code :<name>All} (true for every member) and
 * {@code :<name>} (the members, empty for all). Nothing reads a missing or null array as "all": an
 * unbound flag fails the statement, and {@code null or x = any(null)} is never true, so a gap
 * narrows to nothing.
 */
public final class ScopeSql {

    private ScopeSql() {}

    /** {@code (:<name>All or <expression> = any(:<name>))}. */
    public static String predicate(String expression, String name) {
        return "(:" + allFlag(name) + " or " + expression + " = any(:" + name + "))";
    }

    /** The two values {@link #predicate} binds. */
    public static Map<String, Object> params(String name, Scope<Long> scope) {
        return Map.of(allFlag(name), scope.isAll(), name, members(scope));
    }

    /** The listed members as an SQL array: none for {@link Scope.All}, whose flag says "every one". */
    public static Long[] members(Scope<Long> scope) {
        return switch (scope) {
            case Scope.All<Long> all -> new Long[0];
            case Scope.Only<Long> only -> only.members().toArray(Long[]::new);
        };
    }

    public static String allFlag(String name) {
        return name + "All";
    }
}
