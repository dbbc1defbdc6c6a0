package com.staffkit;

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
 * The tables of every aggregate (staff, teams, roles, stores, organizations, API keys) are written
 * by the aggregate (JPA, under its version) and by the few owner methods that docs/decisions.md
 * lists, nowhere else: a new raw write beside an aggregate fails here.
 */
class WritePathTests {

    private static final Pattern AGGREGATE_WRITE = Pattern.compile(
            "(update|insert\\s+into|delete\\s+from)\\s+"
                    + "(staff|staff_roles|staff_stores|teams|team_members|roles|stores|organizations|api_keys|api_key_roles)\\b",
            Pattern.CASE_INSENSITIVE);

    /** Each owner method's statements, by file: what the decision record names and why. */
    private static final Map<String, Integer> OWNERS = Map.ofEntries(
            // last_login (StaffLogins.recordLogin), outside the version on purpose: one statement per login.
            Map.entry("staff/AccountQueries.java", 1),
            // a deactivated store leaves every current store (StaffDirectory.leaveStore), bumping each row's version.
            Map.entry("staff/StaffDirectoryQueries.java", 1),
            // a deleted role leaves its holders (epoch and version bumped), member for those left without.
            Map.entry("staff/StaffRoleCleanup.java", 3),
            // creating an organization's service user (an insert: nothing to put back).
            Map.entry("staff/ServiceUsers.java", 2),
            // a deactivated organization ends its (and its descendants') staff sessions, bumping each row's version.
            Map.entry("staff/StaffSessionsOfDeactivatedOrganizations.java", 1),
            // memberships: set-based, idempotent adds and removes of the team's owner (TeamService).
            Map.entry("team/TeamMembers.java", 2),
            // API keys: minted with their roles, revoked, last use recorded (outside any version: a
            // key has none), a deleted role dropped from its keys.
            Map.entry("auth/ApiKeyRepository.java", 5));

    @Test
    void onlyTheOwnerMethodsWriteAggregateTablesInSql() throws IOException {
        Path root = Path.of("src/main/java/com/staffkit");
        Map<String, Integer> found = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(file -> file.toString().endsWith(".java")).forEach(file -> {
                Matcher matcher = AGGREGATE_WRITE.matcher(read(file));
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
