package com.staffkit.common.persistence;

import com.staffkit.common.persistence.Criterion.Attribute;
import com.staffkit.common.persistence.Criterion.Kind;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Renders a {@link Criterion} as a SQL predicate, every value bound as a named parameter. Text
 * that ignores case compares {@code lower(expression)} with the lowered value, which is what the
 * features' {@code lower(...)} indexes serve; {@code ne} also matches rows without a value.
 */
public final class CriterionSql {

    private final Map<String, Object> params;
    private final String prefix;
    private int next;

    private CriterionSql(Map<String, Object> params, String prefix) {
        this.params = params;
        this.prefix = prefix;
    }

    /** The predicate; its parameters, named {@code prefix0, prefix1, ...}, are added to {@code params}. */
    public static String render(Criterion criterion, Map<String, Object> params, String prefix) {
        return new CriterionSql(params, prefix).sql(criterion);
    }

    private String sql(Criterion criterion) {
        return switch (criterion) {
            case Criterion.Constant constant -> constant.value() ? "true" : "false";
            case Criterion.Not not -> "not coalesce(" + sql(not.part()) + ", false)";
            case Criterion.All all -> joined(all.parts(), " and ", "true");
            case Criterion.Any any -> joined(any.parts(), " or ", "false");
            case Criterion.Present present -> present(present.attribute());
            case Criterion.Comparison comparison -> comparison(comparison);
        };
    }

    private String joined(java.util.List<Criterion> parts, String operator, String empty) {
        return parts.isEmpty() ? empty : parts.stream().map(this::sql).collect(Collectors.joining(operator, "(", ")"));
    }

    private static String present(Attribute attribute) {
        String text = attribute.kind() == Kind.TEXT || attribute.kind() == Kind.EXACT_TEXT
                ? " and " + attribute.sql() + " <> ''"
                : "";
        return "(" + attribute.sql() + " is not null" + text + ")";
    }

    private String comparison(Criterion.Comparison comparison) {
        Attribute attribute = comparison.attribute();
        boolean ignoreCase = attribute.kind() == Kind.TEXT;
        String expression = ignoreCase ? "lower(" + attribute.sql() + ")" : attribute.sql();
        Object value = comparison.value();
        if (value instanceof String text && ignoreCase) {
            value = text.toLowerCase(Locale.ROOT);
        }
        return switch (comparison.operator()) {
            case EQ -> expression + " = " + bind(value);
            case NE -> "(" + attribute.sql() + " is null or " + expression + " <> " + bind(value) + ")";
            case CO -> expression + " like " + bind(SqlWhere.containing((String) value));
            case SW -> startsWith(expression, (String) value);
            case EW -> expression + " like " + bind("%" + escaped((String) value));
            case GT -> expression + " > " + bind(value);
            case GE -> expression + " >= " + bind(value);
            case LT -> expression + " < " + bind(value);
            case LE -> expression + " <= " + bind(value);
        };
    }

    /**
     * {@code like 'prefix%'}, and the same rows as a range in byte order ({@code ~>=~}, {@code ~<~}:
     * the operators of a {@code text_pattern_ops} index), which an index serves in a generic plan
     * too, where the pattern is a parameter the planner cannot see into.
     */
    private String startsWith(String expression, String prefix) {
        String like = expression + " like " + bind(escaped(prefix) + "%");
        if (prefix.isEmpty()) {
            return like;
        }
        String range = " and " + expression + " ~>=~ " + bind(prefix);
        String next = successor(prefix);
        if (next != null) {
            range += " and " + expression + " ~<~ " + bind(next);
        }
        return "(" + like + range + ")";
    }

    /**
     * The least text above every text that starts with {@code prefix} in byte (code point) order:
     * the prefix with its last character incremented; null past the last code point.
     */
    static String successor(String prefix) {
        int last = prefix.codePointBefore(prefix.length());
        int next = last == 0xD7FF ? 0xE000 : last + 1;
        if (next > Character.MAX_CODE_POINT) {
            return null;
        }
        return prefix.substring(0, prefix.length() - Character.charCount(last)) + Character.toString(next);
    }

    private String bind(Object value) {
        String name = prefix + next++;
        params.put(name, value instanceof Instant instant ? Timestamp.from(instant) : value);
        return ":" + name;
    }

    private static String escaped(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
