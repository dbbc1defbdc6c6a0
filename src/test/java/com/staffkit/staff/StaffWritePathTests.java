package com.staffkit.staff;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The staff tables are written by the aggregate (JPA, under its version) and by the few owner
 * methods that docs/decisions.md lists, nowhere else: a new raw write beside the aggregate fails here.
 */
class StaffWritePathTests {

    private static final Pattern STAFF_WRITE = Pattern.compile(
            "(update\\s+staff|insert\\s+into\\s+staff|delete\\s+from\\s+staff)(_roles|_stores)?\\b",
            Pattern.CASE_INSENSITIVE);

    /** Each owner method's statements, by file: what the decision record names and why. */
    private static final Map<String, Integer> OWNERS = Map.of(
            // last_login, outside the version on purpose: one statement per login.
            "staff/StaffLogins.java", 1,
            // a deactivated store leaves every current store, bumping each row's version.
            "staff/StaffDirectory.java", 1,
            // a deleted role leaves its holders (epoch and version bumped), member for those left without.
            "staff/StaffRoleCleanup.java", 3,
            // creating an organization's service user (an insert: nothing to put back).
            "staff/ServiceUsers.java", 2,
            // a deactivated organization ends its (and its descendants') staff sessions, bumping each row's version.
            "staff/StaffSessionsOfDeactivatedOrganizations.java", 1);

    @Test
    void onlyTheOwnerMethodsWriteTheStaffTablesInSql() throws IOException {
        Path root = Path.of("src/main/java/com/staffkit");
        Map<String, Integer> found = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(file -> file.toString().endsWith(".java")).forEach(file -> {
                Matcher matcher = STAFF_WRITE.matcher(read(file));
                int count = 0;
                while (matcher.find()) {
                    count++;
                }
                if (count > 0) {
                    found.put(root.relativize(file).toString().replace('\\', '/'), count);
                }
            });
        }
        assertThat(found).isEqualTo(new TreeMap<>(OWNERS));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
