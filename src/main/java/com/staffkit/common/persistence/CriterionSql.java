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
            case SW -> expression + " like " + bind(escaped((String) value) + "%");
            case EW -> expression + " like " + bind("%" + escaped((String) value));
            case GT -> expression + " > " + bind(value);
            case GE -> expression + " >= " + bind(value);
            case LT -> expression + " < " + bind(value);
            case LE -> expression + " <= " + bind(value);
        };
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
