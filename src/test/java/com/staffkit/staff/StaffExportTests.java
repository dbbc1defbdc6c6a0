package com.staffkit.staff;

import static org.assertj.core.api.Assertions.assertThat;

import com.staffkit.support.ApiResponse;
import com.staffkit.support.IntegrationTest;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/v1/staffs/export}: the list's staff as RFC 4180 CSV, with the list's filters and
 * tenancy, and no cell a spreadsheet would run as a formula.
 */
class StaffExportTests extends IntegrationTest {

    private long organization;
    private Member admin;

    @BeforeEach
    void anOrganization() {
        organization = newOrganization("Export " + unique());
        admin = member(organization, "admin");
    }

    private List<CSVRecord> export(String query, String token) throws IOException {
        ApiResponse response =
                api.get("/api/v1/staffs/export" + query).token(token).send();
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("text/csv");
        assertThat(response.header("Content-Disposition")).contains("attachment");
        assertThat(response.body())
                .startsWith(
                        "first_name,last_name,email,username,remote_id,job_title,phone,time_zone,roles,stores,is_active\r\n");
        return CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get()
                .parse(new StringReader(response.body()))
                .getRecords();
    }

    @Test
    void exportsTheListsStaffWithRolesStoresAndNeutralizedFormulas() throws IOException {
        String storeRemoteId = "export-store-" + unique();
        long store = api.post("/api/v1/stores")
                .token(admin.token())
                .json(Map.of("name", "Export store", "remote_id", storeRemoteId))
                .send()
                .json(201)
                .get("id")
                .asLong();
        String email = uniqueEmail("formula");
        createStaff(Map.ofEntries(
                Map.entry("organization", organization),
                Map.entry("first_name", "=HYPERLINK(\"http://evil\")"),
                Map.entry("last_name", "Lovelace, \"Ada\""),
                Map.entry("email", email),
                Map.entry("username", "ada" + unique()),
                Map.entry("remote_id", "r-" + unique()),
                Map.entry("job_title", "@SUM(A1)"),
                Map.entry("phone", "+44 20 7946 0000"),
                Map.entry("time_zone", "Europe/London"),
                Map.entry("roles", List.of("manager")),
                Map.entry("retail_stores", List.of(store))));

        List<CSVRecord> rows = export("", admin.token());

        CSVRecord row = rows.stream()
                .filter(record -> record.get("email").equals(email))
                .findFirst()
                .orElseThrow();
        assertThat(row.get("first_name")).isEqualTo("'=HYPERLINK(\"http://evil\")");
        assertThat(row.get("last_name")).isEqualTo("Lovelace, \"Ada\"");
        assertThat(row.get("job_title")).isEqualTo("'@SUM(A1)");
        assertThat(row.get("phone")).isEqualTo("'+44 20 7946 0000");
        assertThat(row.get("roles")).isEqualTo("manager");
        assertThat(row.get("stores")).isEqualTo(storeRemoteId);
        assertThat(row.get("is_active")).isEqualTo("true");
        assertThat(rows).extracting(record -> record.get("email")).contains(admin.email());
    }

    @Test
    void theListsFiltersAndTenancyApply() throws IOException {
        String inactive = uniqueEmail("gone");
        long gone = createStaff(Map.of(
                        "organization", organization, "first_name", "Gone", "last_name", "Away", "email", inactive))
                .get("id")
                .asLong();
        api.delete("/api/v1/staffs/" + gone).token(admin.token()).send();
        long other = newOrganization("Export other " + unique());
        Member stranger = member(other, "member");

        assertThat(export("", admin.token()))
                .extracting(r -> r.get("email"))
                .doesNotContain(inactive, stranger.email());
        assertThat(export("?include_inactive=true", admin.token()))
                .extracting(r -> r.get("email"))
                .contains(inactive)
                .doesNotContain(stranger.email());
        assertThat(export("?role=admin", admin.token()))
                .extracting(r -> r.get("email"))
                .containsExactly(admin.email());
    }

    @Test
    void needsStaffRead() {
        long other = newOrganization("Export denied " + unique());
        String key = api.post("/api/v1/api-keys")
                .token(member(other, "admin").token())
                .json(Map.of("name", "No staff read", "roles", List.of("worker")))
                .send()
                .json(201)
                .get("key")
                .asString();
        ApiResponse denied =
                api.get("/api/v1/staffs/export").header("X-Api-Key", key).send();

        assertThat(denied.status()).isIn(403);
        assertThat(denied.contentType()).startsWith("application/problem+json");
    }
}
