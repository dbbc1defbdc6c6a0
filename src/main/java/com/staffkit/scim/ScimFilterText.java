package com.staffkit.scim;

import com.unboundid.scim2.common.filters.Filter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A SCIM filter's text, parsed by the UnboundID SDK after two repairs the SDK does not make: an
 * unbalanced bracket or parenthesis is refused (the SDK reads {@code emails[type eq "work"} as
 * closed), and the form {@code emails[type eq "work"].value eq "x"}, outside RFC 7644's grammar but
 * sent by some clients, is rewritten to {@code emails[type eq "work" and value eq "x"]}.
 */
final class ScimFilterText {

    /** {@code attr[filter].sub op value}: SCIM's grammar has no such form, its meaning is {@code attr[filter and sub op value]}. */
    private static final Pattern VALUE_PATH_COMPARISON = Pattern.compile(
            "([A-Za-z][\\w:.-]*)\\[([^\\[\\]]*)]\\.([A-Za-z]\\w*)\\s+(eq|ne|co|sw|ew|gt|ge|lt|le)\\s+",
            Pattern.CASE_INSENSITIVE);

    private static final Pattern VALUE_PATH_PRESENT =
            Pattern.compile("([A-Za-z][\\w:.-]*)\\[([^\\[\\]]*)]\\.([A-Za-z]\\w*)\\s+pr\\b", Pattern.CASE_INSENSITIVE);

    private ScimFilterText() {}

    /** The filter as the SDK's tree; a filter that does not parse is 400 {@code invalidFilter}. */
    static Filter parse(String filter) {
        if (!balanced(filter)) {
            throw ScimException.invalidFilter("The filter's brackets or parentheses do not match.");
        }
        Filter parsed;
        try {
            parsed = Filter.fromString(rewritten(filter));
        } catch (com.unboundid.scim2.common.exceptions.ScimException ex) {
            throw ScimException.invalidFilter("The filter cannot be parsed: " + ex.getMessage());
        }
        return parsed;
    }

    /**
     * Whether every {@code [} and {@code (} outside a string is closed, in order: the SDK's parser
     * reads an unclosed {@code emails[type eq "work"} at the end as if it were closed.
     */
    private static boolean balanced(String filter) {
        java.util.ArrayDeque<Character> open = new java.util.ArrayDeque<>();
        boolean quoted = false;
        for (int i = 0; i < filter.length(); i++) {
            char c = filter.charAt(i);
            if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == '[' || c == '(') {
                open.push(c);
            } else if (c == ']' || c == ')') {
                if (open.isEmpty() || open.pop() != (c == ']' ? '[' : '(')) {
                    return false;
                }
            }
        }
        return !quoted && open.isEmpty();
    }

    private static String rewritten(String filter) {
        // Only the simple case without nested brackets is rewritten; a value holding brackets is left to the parser.
        Matcher comparison = VALUE_PATH_COMPARISON.matcher(filter);
        StringBuilder out = new StringBuilder();
        int last = 0;
        while (comparison.find()) {
            int valueEnd = valueEnd(filter, comparison.end());
            if (valueEnd < 0) {
                break;
            }
            out.append(filter, last, comparison.start())
                    .append(comparison.group(1))
                    .append("[(")
                    .append(comparison.group(2))
                    .append(") and ")
                    .append(comparison.group(3))
                    .append(' ')
                    .append(comparison.group(4))
                    .append(' ')
                    .append(filter, comparison.end(), valueEnd)
                    .append(']');
            last = valueEnd;
        }
        out.append(filter.substring(last));
        return VALUE_PATH_PRESENT.matcher(out.toString()).replaceAll("$1[($2) and $3 pr]");
    }

    /** Where the comparison value starting at {@code start} ends: a quoted string or a bare token. */
    private static int valueEnd(String filter, int start) {
        if (start >= filter.length()) {
            return -1;
        }
        if (filter.charAt(start) == '"') {
            for (int i = start + 1; i < filter.length(); i++) {
                char c = filter.charAt(i);
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    return i + 1;
                }
            }
            return -1;
        }
        int i = start;
        while (i < filter.length() && !Character.isWhitespace(filter.charAt(i)) && filter.charAt(i) != ')') {
            i++;
        }
        return i;
    }
}
