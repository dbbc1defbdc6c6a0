package com.staffkit.staff;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** What an import batch looks up in sets: its stores by remote_id, and for an upsert, the staff its rows match. */
@Repository
class StaffImportMatches {

    private final JdbcClient jdbc;

    StaffImportMatches(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The organization's stores the rows name, by remote_id. */
    record Stores(Map<String, Long> byRemoteId) {

        @Nullable
        Long idOf(String remoteId) {
            return byRemoteId.get(remoteId);
        }
    }

    Stores stores(long organizationId, List<StaffImportRows.Row> rows) {
        Set<String> wanted = new HashSet<>();
        rows.forEach(
                row -> wanted.addAll(StaffCsv.list(StaffCsv.restored(row.cells().get("stores")))));
        Map<String, Long> found = new HashMap<>();
        if (!wanted.isEmpty()) {
            jdbc.sql("select id, remote_id from stores where organization_id = :o and remote_id = any(:wanted)")
                    .param("o", organizationId)
                    .param("wanted", wanted.toArray(String[]::new))
                    .query(rs -> {
                        found.put(rs.getString("remote_id"), rs.getLong("id"));
                    });
        }
        return new Stores(found);
    }

    /**
     * For each row (by position) the id of the organization's staff member it updates: the one with
     * its remote_id, else the one with its email. Rows without a match are absent.
     */
    Map<Integer, Long> existing(long organizationId, List<StaffImportRows.Row> rows) {
        Set<String> remoteIds = new HashSet<>();
        Set<String> emails = new HashSet<>();
        for (StaffImportRows.Row row : rows) {
            String remoteId = StaffCsv.restored(row.cells().get("remote_id"));
            String email = StaffCsv.restored(row.cells().get("email"));
            if (remoteId != null) {
                remoteIds.add(remoteId);
            }
            if (email != null) {
                emails.add(email.toLowerCase(Locale.ROOT));
            }
        }
        Map<String, Long> byRemoteId = new HashMap<>();
        Map<String, Long> byEmail = new HashMap<>();
        if (!remoteIds.isEmpty() || !emails.isEmpty()) {
            jdbc.sql("""
                            select s.id, s.remote_id, lower(s.email) as email from staff s
                            where s.organization_id = :o and not s.is_service_user
                              and (s.remote_id = any(:remoteIds)
                                   or s.id in (select li.staff_id from login_identifiers li
                                               where li.identifier = any(:emails) and li.kind = 'email'))
                            """)
                    .param("o", organizationId)
                    .param("remoteIds", remoteIds.toArray(String[]::new))
                    .param("emails", emails.toArray(String[]::new))
                    .query(rs -> {
                        long id = rs.getLong("id");
                        String remoteId = rs.getString("remote_id");
                        String email = rs.getString("email");
                        if (remoteId != null && remoteIds.contains(remoteId)) {
                            byRemoteId.put(remoteId, id);
                        }
                        if (email != null && emails.contains(email)) {
                            byEmail.put(email, id);
                        }
                    });
        }
        Map<Integer, Long> matched = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            String remoteId = StaffCsv.restored(rows.get(i).cells().get("remote_id"));
            String email = StaffCsv.restored(rows.get(i).cells().get("email"));
            Long id = remoteId == null ? null : byRemoteId.get(remoteId);
            if (id == null && email != null) {
                id = byEmail.get(email.toLowerCase(Locale.ROOT));
            }
            if (id != null) {
                matched.put(i, id);
            }
        }
        return matched;
    }
}
