package com.staffkit.staff;

import java.util.Arrays;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.jspecify.annotations.Nullable;

/**
 * The staff CSV: the columns the export writes and an import reads, in this order, and how a cell
 * is kept from being run as a formula by a spreadsheet (OWASP's CSV injection rule): a cell that
 * begins with {@code = + - @}, a tab or a carriage return gets a leading {@code '}, which an import
 * takes off again, so an export imported back changes nothing.
 */
final class StaffCsv {

    static final List<String> COLUMNS = List.of(
            "first_name",
            "last_name",
            "email",
            "username",
            "remote_id",
            "job_title",
            "phone",
            "time_zone",
            "roles",
            "stores",
            "is_active");

    /** Lists inside a cell ({@code roles}, {@code stores}) are separated by this. */
    static final String LIST_SEPARATOR = ";";

    static final CSVFormat FORMAT = CSVFormat.RFC4180
            .builder()
            .setHeader(COLUMNS.toArray(String[]::new))
            .setRecordSeparator("\r\n")
            .get();

    private StaffCsv() {}

    /** A cell as an import reads it: empty is null, and a neutralized formula has its {@code '} taken off. */
    static @Nullable String restored(@Nullable String cell) {
        if (cell == null || cell.isEmpty()) {
            return null;
        }
        if (cell.length() > 1
                && cell.charAt(0) == '\''
                && neutralized(cell.substring(1)).length() == cell.length()) {
            return cell.substring(1);
        }
        return cell;
    }

    /** A list cell ({@code roles}, {@code stores}): its non-blank entries, trimmed. */
    static List<String> list(@Nullable String cell) {
        if (cell == null) {
            return List.of();
        }
        return Arrays.stream(cell.split(LIST_SEPARATOR))
                .map(String::strip)
                .filter(entry -> !entry.isEmpty())
                .toList();
    }

    /** The column a field of the JSON body is read from, or null when no column holds it. */
    static @Nullable String column(String field) {
        if (field.equals("retail_stores")) {
            return "stores";
        }
        return COLUMNS.contains(field) ? field : null;
    }

    static String neutralized(String cell) {
        if (cell == null || cell.isEmpty()) {
            return cell;
        }
        char first = cell.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + cell
                : cell;
    }
}
