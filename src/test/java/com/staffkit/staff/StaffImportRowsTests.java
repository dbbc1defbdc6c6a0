package com.staffkit.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.staffkit.common.error.InvalidRequestException;
import com.staffkit.common.security.Caller;
import com.staffkit.common.security.Scope;
import com.staffkit.support.IntegrationTest;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@link StaffImportRows}: CSV rows as creates and upserts through the staff write path, and an
 * export imported back with mode upsert changing nothing.
 */
class StaffImportRowsTests extends IntegrationTest {

    @Autowired
    private StaffImportRows importRows;

    @Autowired
    private TransactionTemplate transactions;

    private long organization;
    private Member admin;

    @BeforeEach
    void anOrganization() {
        organization = newOrganization("Import rows " + unique());
        admin = member(organization, "admin");
    }

    private StaffImportRows.Outcome apply(StaffImportRows.Mode mode, String csv) throws IOException {
        List<CSVRecord> records = CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get()
                .parse(new StringReader(csv))
                .getRecords();
        List<String> header = StaffImportRows.checkedHeader(
                records.isEmpty() ? List.of() : records.getFirst().getParser().getHeaderNames());
        List<StaffImportRows.Row> rows = new ArrayList<>();
        for (CSVRecord record : records) {
            Map<String, String> cells = new LinkedHashMap<>();
            header.forEach(column -> cells.put(column, record.get(column)));
            rows.add(new StaffImportRows.Row(record.getRecordNumber() + 1, cells));
        }
        Caller caller = adminCaller();
        return transactions.execute(status -> importRows.apply(caller, mode, rows));
    }

    /** The admin as its bearer token would make it (the import runs as the staff member who uploaded it). */
    private Caller adminCaller() {
        List<String> permissions = jdbc.sql(
                        "select unnest(permissions) from roles where is_built_in and name = 'admin'")
                .query(String.class)
                .list();
        return Caller.staff(
                admin.id(), organization, Scope.only(Set.of(organization)), Set.copyOf(permissions), Scope.all());
    }

    private String export() {
        return api.get("/api/v1/staffs/export?include_inactive=true")
                .token(admin.token())
                .send()
                .body();
    }

    @Test
    void createsRowsAndReportsEachRefusedRowByLineAndColumn() throws IOException {
        String a = uniqueEmail("a");
        String csv = "first_name,last_name,email,roles,is_active\r\n"
                + "Ada,Lovelace," + a + ",manager,true\r\n"
                + "Bob,Builder,not-an-email,,true\r\n"
                + "Cy,Clone," + a + ",,true\r\n"
                + "Di,Dash," + uniqueEmail("d") + ",,maybe\r\n"
                + "'=Eve,Evil," + uniqueEmail("e") + ",,\r\n";

        StaffImportRows.Outcome outcome = apply(StaffImportRows.Mode.CREATE, csv);

        assertThat(outcome.created()).isEqualTo(2);
        assertThat(outcome.failed()).isEqualTo(3);
        assertThat(outcome.errors())
                .extracting(StaffImportRows.RowError::line, StaffImportRows.RowError::column)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(3L, "email"),
                        org.assertj.core.groups.Tuple.tuple(4L, "email"),
                        org.assertj.core.groups.Tuple.tuple(5L, "is_active"));
        assertThat(jdbc.sql("select first_name from staff where organization_id = :o and last_name = 'Evil'")
                        .param("o", organization)
                        .query(String.class)
                        .single())
                .isEqualTo("=Eve");
    }

    @Test
    void anExportImportedBackWithUpsertChangesNothing() throws IOException {
        long store = api.post("/api/v1/stores")
                .token(admin.token())
                .json(Map.of("name", "Upsert store", "remote_id", "up-" + unique()))
                .send()
                .json(201)
                .get("id")
                .asLong();
        createStaff(Map.of(
                "organization",
                organization,
                "first_name",
                "-Minus",
                "last_name",
                "Formula",
                "email",
                uniqueEmail("f"),
                "remote_id",
                "r-" + unique(),
                "phone",
                "+44 20 7946 0000",
                "roles",
                List.of("manager", "member"),
                "retail_stores",
                List.of(store)));
        createStaff(Map.of(
                "organization",
                organization,
                "first_name",
                "Gone",
                "last_name",
                "Away",
                "email",
                uniqueEmail("g"),
                "is_active",
                false));
        String before = export();
        long versions = versionSum();
        long events = jdbc.sql("select count(*) from audit_events where organization_id = :o")
                .param("o", organization)
                .query(Long.class)
                .single();

        StaffImportRows.Outcome outcome = apply(StaffImportRows.Mode.UPSERT, before);

        assertThat(outcome.failed()).as(outcome.errors().toString()).isZero();
        assertThat(outcome.created()).isZero();
        assertThat(outcome.updated()).isZero();
        assertThat(outcome.unchanged()).isEqualTo(3);
        assertThat(export()).isEqualTo(before);
        assertThat(versionSum()).isEqualTo(versions);
        assertThat(jdbc.sql("select count(*) from audit_events where organization_id = :o")
                        .param("o", organization)
                        .query(Long.class)
                        .single())
                .isEqualTo(events);
    }

    @Test
    void upsertMatchesOnRemoteIdElseEmailAndCreatesTheRest() throws IOException {
        String remoteId = "r-" + unique();
        String email = uniqueEmail("byemail");
        String remoteIdsEmail = uniqueEmail("x");
        long byRemoteId = createStaff(Map.of(
                        "organization",
                        organization,
                        "first_name",
                        "By",
                        "last_name",
                        "Remote",
                        "email",
                        remoteIdsEmail,
                        "remote_id",
                        remoteId))
                .get("id")
                .asLong();
        long byEmail = createStaff(
                        Map.of("organization", organization, "first_name", "By", "last_name", "Email", "email", email))
                .get("id")
                .asLong();
        String newEmail = uniqueEmail("new");

        StaffImportRows.Outcome outcome = apply(
                StaffImportRows.Mode.UPSERT,
                "first_name,last_name,email,remote_id,job_title\r\n"
                        + "By,Remote," + remoteIdsEmail.toUpperCase() + "," + remoteId + ",Cashier\r\n"
                        + "By,Email," + email + ",,Baker\r\n"
                        + "New,Person," + newEmail + ",,\r\n");

        assertThat(outcome.updated()).isEqualTo(2);
        assertThat(outcome.created()).isEqualTo(1);
        assertThat(jobTitle(byRemoteId)).isEqualTo("Cashier");
        assertThat(jobTitle(byEmail)).isEqualTo("Baker");
        assertThat(outcome.errors()).isEmpty();
        assertThat(jdbc.sql("select email from staff where id = :id")
                        .param("id", byRemoteId)
                        .query(String.class)
                        .single())
                .isEqualToIgnoringCase(remoteIdsEmail);
    }

    @Test
    void aHeaderMustNameStaffColumnsOnce() {
        assertThatThrownBy(() -> StaffImportRows.checkedHeader(List.of("first_name", "last_name", "salary")))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> StaffImportRows.checkedHeader(List.of("first_name", "last_name", "email", "EMAIL")))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> StaffImportRows.checkedHeader(List.of("email")))
                .isInstanceOf(InvalidRequestException.class);
        assertThat(StaffImportRows.checkedHeader(List.of("\uFEFFfirst_name".substring(1), " Last_Name ")))
                .containsExactly("first_name", "last_name");
    }

    private String jobTitle(long id) {
        return jdbc.sql("select job_title from staff where id = :id")
                .param("id", id)
                .query(String.class)
                .single();
    }

    private long versionSum() {
        return jdbc.sql("select coalesce(sum(version), 0) from staff where organization_id = :o")
                .param("o", organization)
                .query(Long.class)
                .single();
    }
}
