package com.staffkit.staffimport;

import static com.staffkit.staffimport.ImportSupport.IMPORTS;
import static com.staffkit.staffimport.ImportSupport.ended;
import static com.staffkit.staffimport.ImportSupport.queued;
import static com.staffkit.staffimport.ImportSupport.upload;
import static org.assertj.core.api.Assertions.assertThat;

import com.staffkit.support.ApiResponse;
import com.staffkit.support.IntegrationTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code POST /api/v1/staffs/imports} and the import's progress, through HTTP as a client sees them. */
class StaffImportTests extends IntegrationTest {

    private long organization;
    private Member admin;

    @BeforeEach
    void anOrganizationWithAnAdmin() {
        organization = newOrganization("Import " + unique());
        admin = member(organization, "admin");
    }

    private long staffWithEmail(String email) {
        return jdbc.sql("select count(*) from staff where lower(email) = lower(:email)")
                .param("email", email)
                .query(Long.class)
                .single();
    }

    private long staffIdOf(String email) {
        return jdbc.sql("select id from staff where lower(email) = lower(:email)")
                .param("email", email)
                .query(Long.class)
                .single();
    }

    private String store(String remoteId) {
        api.post("/api/v1/stores")
                .token(admin.token())
                .json(Map.of("name", "Shop " + remoteId, "remote_id", remoteId))
                .send()
                .json(201);
        return remoteId;
    }

    @Nested
    class Create {

        @Test
        void createsEachRowAsTheUploaderWithItsEventsAndEmailsAndCountsTheRefusedOnes() {
            String shop = store("shop-" + unique());
            String john = uniqueEmail("john");
            String jane = uniqueEmail("jane");
            String requestId = "import-" + UUID.randomUUID();
            String csv = "first_name,last_name,email,remote_id,job_title,roles,stores,is_active\r\n"
                    + "John,Doe," + john + ",r-" + unique() + ",Store manager,manager," + shop + ",true\r\n"
                    + "Bad,Email,not-an-email,,,,,\r\n"
                    + "Jane,Roe," + jane + ",,'=Cashier,member;worker,,\r\n"
                    + "No,Store," + uniqueEmail("nostore") + ",,,,no-such-store,\r\n"
                    + ",Nameless," + uniqueEmail("nameless") + ",,,,,\r\n";

            ApiResponse response = api.post(IMPORTS)
                    .token(admin.token())
                    .header("X-Request-Id", requestId)
                    .header("User-Agent", "Back office import 2.0")
                    .header("X-Forwarded-For", "203.0.113.44")
                    .body("text/csv", csv)
                    .send();

            assertThat(response.status()).as(response.body()).isEqualTo(202);
            JsonNode accepted = response.json();
            assertThat(response.header("Location"))
                    .isEqualTo(IMPORTS + "/" + accepted.get("id").asLong());
            assertThat(accepted.get("status").asString()).isIn("queued", "running", "succeeded");
            assertThat(accepted.get("mode").asString()).isEqualTo("create");
            assertThat(accepted.get("dry_run").asBoolean()).isFalse();
            assertThat(accepted.get("rows_total").asInt()).isEqualTo(5);
            assertThat(accepted.get("errors").get("results")).isEmpty();

            JsonNode done = ended(api, admin.token(), response.header("Location"));
            assertThat(done.get("status").asString()).isEqualTo("succeeded");
            assertThat(done.get("failure_reason").isNull()).isTrue();
            assertThat(done.get("rows_done").asInt()).isEqualTo(5);
            assertThat(done.get("created").asInt()).isEqualTo(2);
            assertThat(done.get("updated").asInt()).isZero();
            assertThat(done.get("failed").asInt()).isEqualTo(3);
            assertThat(done.get("finished_at").isNull()).isFalse();
            JsonNode errors = done.get("errors");
            assertThat(errors.get("count").asInt()).isEqualTo(3);
            assertThat(errors.get("results")
                            .valueStream()
                            .map(e -> e.get("line").asLong() + " "
                                    + e.get("column").asString(""))
                            .toList())
                    .containsExactly("3 email", "5 stores", "6 first_name");
            assertThat(errors.get("results").get(1).get("problem").asString()).contains("no-such-store");

            long johnId = staffIdOf(john);
            JsonNode johnRead = api.get("/api/v1/staffs/" + johnId)
                    .token(admin.token())
                    .send()
                    .json(200);
            assertThat(johnRead.get("job_title").asString()).isEqualTo("Store manager");
            assertThat(johnRead.get("roles")
                            .valueStream()
                            .map(JsonNode::asString)
                            .toList())
                    .containsExactly("manager");
            assertThat(johnRead.get("retail_stores").get(0).get("remote_id").asString())
                    .isEqualTo(shop);
            JsonNode janeRead = api.get("/api/v1/staffs/" + staffIdOf(jane))
                    .token(admin.token())
                    .send()
                    .json(200);
            assertThat(janeRead.get("job_title").asString())
                    .as("the export's ' is taken off")
                    .isEqualTo("=Cashier");

            Map<String, Object> event =
                    jdbc.sql("""
                            select actor_type, actor_id, request_id, client_address, user_agent from audit_events
                            where type = 'staff.created' and target_id = :id""").param("id", johnId).query().singleRow();
            assertThat(event)
                    .containsEntry("actor_type", "staff")
                    .containsEntry("actor_id", admin.id())
                    .containsEntry("request_id", requestId)
                    .containsEntry("client_address", "203.0.113.44")
                    .containsEntry("user_agent", "Back office import 2.0");
            assertThat(jdbc.sql("select count(*) from email_outbox where recipient in (:emails)")
                            .param("emails", List.of(john, jane))
                            .query(Long.class)
                            .single())
                    .as("an activation email each")
                    .isEqualTo(2);
            assertThat(jdbc.sql("select count(*) from staff_import_chunks where import_id = :id")
                            .param("id", accepted.get("id").asLong())
                            .query(Long.class)
                            .single())
                    .as("applied rows are not kept")
                    .isZero();
        }

        @Test
        void aRowWithMoreOrFewerCellsThanTheHeaderFailsOnItsOwn() {
            String kept = uniqueEmail("kept");
            String location = queued(
                    api,
                    admin.token(),
                    "",
                    "first_name,last_name,email\nToo,Few\nJust,Right," + kept + "\nToo,Many,x@example.com,extra\n");

            JsonNode done = ended(api, admin.token(), location);
            assertThat(done.get("created").asInt()).isEqualTo(1);
            assertThat(done.get("failed").asInt()).isEqualTo(2);
            assertThat(done.get("errors")
                            .get("results")
                            .valueStream()
                            .map(e -> e.get("line").asLong() + ": "
                                    + e.get("problem").asString())
                            .toList())
                    .containsExactly(
                            "2: has 2 cells; the header names 3 columns", "4: has 4 cells; the header names 3 columns");
            assertThat(staffWithEmail(kept)).isEqualTo(1);
        }

        @Test
        void errorsArePagedInLineOrder() {
            StringBuilder csv = new StringBuilder("first_name,last_name,email\n");
            for (int i = 0; i < 5; i++) {
                csv.append("Bad,Row")
                        .append(i)
                        .append(",not-an-email-")
                        .append(i)
                        .append('\n');
            }
            String location = queued(api, admin.token(), "", csv.toString());
            ended(api, admin.token(), location);

            JsonNode second = api.get(location + "?page=2&page_size=2")
                    .token(admin.token())
                    .send()
                    .json(200);
            JsonNode errors = second.get("errors");
            assertThat(errors.get("count").asInt()).isEqualTo(5);
            assertThat(errors.get("results")
                            .valueStream()
                            .map(e -> e.get("line").asLong())
                            .toList())
                    .containsExactly(4L, 5L);
            assertThat(errors.get("next").asString()).contains("page=3");
            assertThat(errors.get("previous").asString()).contains("page=1");
        }
    }

    @Nested
    class Upsert {

        @Test
        void changesTheStaffMemberWithTheRemoteIdElseTheEmailAndCountsWhatChangesNothing() {
            String byRemoteEmail = uniqueEmail("by-remote");
            String remoteId = "hr-" + unique();
            String byEmail = uniqueEmail("by-email");
            String same = uniqueEmail("same");
            String created = uniqueEmail("new");
            for (Map<String, Object> fields : List.<Map<String, Object>>of(
                    Map.of(
                            "organization",
                            organization,
                            "first_name",
                            "Remote",
                            "last_name",
                            "Match",
                            "email",
                            byRemoteEmail,
                            "remote_id",
                            remoteId),
                    Map.of("organization", organization, "first_name", "Email", "last_name", "Match", "email", byEmail),
                    Map.of(
                            "organization",
                            organization,
                            "first_name",
                            "Same",
                            "last_name",
                            "As Before",
                            "email",
                            same,
                            "job_title",
                            "Cook"))) {
                api.post("/api/v1/staffs")
                        .token(admin.token())
                        .json(fields)
                        .send()
                        .json(201);
            }
            long remoteMatch = staffIdOf(byRemoteEmail);

            String location = queued(
                    api,
                    admin.token(),
                    "?mode=upsert",
                    "first_name;last_name;email;remote_id;job_title\r\n"
                            + "Remote;Renamed;" + uniqueEmail("changed") + ";" + remoteId + ";Lead\r\n"
                            + "Email;Match;" + byEmail.toUpperCase() + ";;Baker\r\n"
                            + "Same;As Before;" + same + ";;Cook\r\n"
                            + "Brand;New;" + created + ";;\r\n");

            JsonNode done = ended(api, admin.token(), location);
            assertThat(done.get("mode").asString()).isEqualTo("upsert");
            assertThat(done.get("status").asString()).isEqualTo("succeeded");
            assertThat(done.get("updated").asInt()).isEqualTo(2);
            assertThat(done.get("unchanged").asInt()).isEqualTo(1);
            assertThat(done.get("created").asInt()).isEqualTo(1);
            assertThat(done.get("failed").asInt()).isZero();
            JsonNode renamed = api.get("/api/v1/staffs/" + remoteMatch)
                    .token(admin.token())
                    .send()
                    .json(200);
            assertThat(renamed.get("last_name").asString()).isEqualTo("Renamed");
            assertThat(renamed.get("job_title").asString()).isEqualTo("Lead");
            assertThat(staffWithEmail(byRemoteEmail))
                    .as("matched by remote_id, its email changed")
                    .isZero();
            assertThat(api.get("/api/v1/staffs/" + staffIdOf(byEmail))
                            .token(admin.token())
                            .send()
                            .json(200)
                            .get("job_title")
                            .asString())
                    .isEqualTo("Baker");
            assertThat(jdbc.sql("select count(*) from audit_events where type = 'staff.updated' and target_id = :id")
                            .param("id", staffIdOf(same))
                            .query(Long.class)
                            .single())
                    .as("a row that changes nothing writes nothing")
                    .isZero();
            assertThat(staffWithEmail(created)).isEqualTo(1);
        }
    }

    @Nested
    class DryRun {

        @Test
        void countsAndReportsEveryRowButStoresNothing() {
            String email = uniqueEmail("dry");
            String location = queued(
                    api,
                    admin.token(),
                    "?dry_run=true",
                    "first_name,last_name,email\nDry,Run," + email + "\nBad,Row,not-an-email\n");

            JsonNode done = ended(api, admin.token(), location);
            assertThat(done.get("dry_run").asBoolean()).isTrue();
            assertThat(done.get("status").asString()).isEqualTo("succeeded");
            assertThat(done.get("created").asInt()).isEqualTo(1);
            assertThat(done.get("failed").asInt()).isEqualTo(1);
            assertThat(done.get("errors").get("results").get(0).get("column").asString())
                    .isEqualTo("email");
            assertThat(staffWithEmail(email)).isZero();
            assertThat(jdbc.sql("select count(*) from email_outbox where recipient = :email")
                            .param("email", email)
                            .query(Long.class)
                            .single())
                    .isZero();
            assertThat(jdbc.sql("""
                            select count(*) from audit_events
                            where request_id = (select request_id from staff_imports where id = :id)""")
                            .param("id", done.get("id").asLong())
                            .query(Long.class)
                            .single())
                    .isZero();
        }
    }

    @Nested
    class Files {

        @Test
        void aByteOrderMarkAndSemicolonsAreRead() {
            String email = uniqueEmail("bom");
            String location = queued(
                    api,
                    admin.token(),
                    "",
                    "\uFEFFfirst_name;last_name;email;job_title\r\n\"Ana\";\"Lima\";" + email
                            + ";\"Head; of, \"\"Sales\"\"\"\r\n");

            JsonNode done = ended(api, admin.token(), location);
            assertThat(done.get("created").asInt()).as(done.toString()).isEqualTo(1);
            JsonNode staff = api.get("/api/v1/staffs/" + staffIdOf(email))
                    .token(admin.token())
                    .send()
                    .json(200);
            assertThat(staff.get("first_name").asString()).isEqualTo("Ana");
            assertThat(staff.get("job_title").asString()).isEqualTo("Head; of, \"Sales\"");
        }

        @Test
        void aMultiLineCellKeepsTheLineNumbersOfTheRowsAfterIt() {
            String location = queued(
                    api,
                    admin.token(),
                    "",
                    "first_name,last_name,email,job_title\n"
                            + "Multi,Line," + uniqueEmail("multi") + ",\"two\nlines\"\n"
                            + "\n"
                            + "Bad,Row,not-an-email,\n");

            JsonNode done = ended(api, admin.token(), location);
            assertThat(done.get("rows_total").asInt())
                    .as("the empty line is no row")
                    .isEqualTo(2);
            assertThat(done.get("errors").get("results").get(0).get("line").asLong())
                    .isEqualTo(5);
        }

        @Test
        void anUnknownColumnIs400NamingItAndStoresNothing() {
            long before = imports();
            ApiResponse response = upload(api, admin.token(), "", "first_name,last_name,salary\nA,B,100\n");

            assertThat(response.status()).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
            JsonNode error = response.json().get("errors").get(0);
            assertThat(error.get("field").asString()).isEqualTo("header");
            assertThat(error.get("message").asString()).contains("salary");
            assertThat(imports()).isEqualTo(before);
        }

        @Test
        void aFileThatIsNotUtf8Is400() {
            byte[] latin1 = "first_name,last_name\nJos\u00e9,M\u00fcller\n"
                    .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
            ApiResponse response = api.post(IMPORTS).token(admin.token()).stream(
                            "text/csv", () -> new java.io.ByteArrayInputStream(latin1))
                    .send();

            assertThat(response.status()).as(response.body()).isEqualTo(400);
            JsonNode error = response.json().get("errors").get(0);
            assertThat(error.get("field").asString()).isEqualTo("body");
            assertThat(error.get("message").asString()).contains("UTF-8");
        }

        @Test
        void aHeaderWithoutRowsAndAnEmptyFileAre400() {
            for (String csv : List.of("first_name,last_name\r\n", "")) {
                ApiResponse response = upload(api, admin.token(), "", csv);
                assertThat(response.status()).as(csv + " -> " + response.body()).isEqualTo(400);
                assertThat(response.json().get("errors").get(0).get("field").asString())
                        .isEqualTo("body");
            }
        }

        @Test
        void anUnclosedQuoteIs400WithItsLine() {
            ApiResponse response = upload(api, admin.token(), "", "first_name,last_name\nA,B\n\"C,D\nE,F\n");

            assertThat(response.status()).isEqualTo(400);
            assertThat(response.json().get("errors").get(0).get("message").asString())
                    .startsWith("line 3: not valid CSV");
        }

        @Test
        void aRowLongerThanTheLimitIs400() {
            String huge = "x".repeat(ImportCsv.MAX_ROW_CHARS * 5);
            ApiResponse response =
                    upload(api, admin.token(), "", "first_name,last_name,job_title\nA,B,ok\nC,D," + huge + "\n");

            assertThat(response.status()).as(response.body()).isEqualTo(400);
            assertThat(response.json().get("errors").get(0).get("message").asString())
                    .startsWith("line 3: a row is longer than");
        }

        @Test
        void jsonIs415AsAProblem() {
            ApiResponse response = api.post(IMPORTS)
                    .token(admin.token())
                    .json(Map.of("first_name", "Json"))
                    .send();

            assertThat(response.status()).isEqualTo(415);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.json().get("detail").asString()).isEqualTo("Send the request body as text/csv.");
        }

        @Test
        void anotherCharsetIs415() {
            ApiResponse response = api.post(IMPORTS)
                    .token(admin.token())
                    .body("text/csv; charset=ISO-8859-1", "first_name,last_name\nA,B\n")
                    .send();

            assertThat(response.status()).isEqualTo(415);
            assertThat(response.json().get("detail").asString()).contains("text/csv;charset=UTF-8");
        }

        @Test
        void queryParametersAreStrict() {
            for (String query : List.of("?mode=merge", "?mode=", "?dry_run=yes", "?dry_run=")) {
                ApiResponse response = upload(api, admin.token(), query, "first_name,last_name\nA,B\n");
                assertThat(response.status())
                        .as(query + " -> " + response.body())
                        .isEqualTo(400);
                assertThat(response.json().get("errors").get(0).get("field").asString())
                        .isIn("mode", "dry_run");
            }
        }

        private long imports() {
            return jdbc.sql("select count(*) from staff_imports")
                    .query(Long.class)
                    .single();
        }
    }

    @Nested
    class Access {

        @Test
        void anotherOrganizationsCallerGets404() {
            String location = queued(api, admin.token(), "", "first_name,last_name\nOwn,Row\n");
            Member stranger = member(newOrganization("Elsewhere " + unique()), "admin");

            ApiResponse response = api.get(location).token(stranger.token()).send();

            assertThat(response.status()).isEqualTo(404);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(api.get(location)
                            .token(member(organization, "member").token())
                            .send()
                            .status())
                    .as("a reader of the same organization sees it")
                    .isEqualTo(200);
        }

        @Test
        void uploadingNeedsStaffWriteAndReadingStaffRead() {
            Member reader = member(organization, "member");
            assertThat(upload(api, reader.token(), "", "first_name,last_name\nA,B\n")
                            .status())
                    .isEqualTo(403);
            assertThat(api.post(IMPORTS)
                            .body("text/csv", "first_name,last_name\nA,B\n")
                            .send()
                            .status())
                    .isEqualTo(401);
            assertThat(api.get(IMPORTS + "/1").send().status()).isEqualTo(401);
        }

        @Test
        void anAddressThatNamesNoImportIsAProblemNotAServerError() {
            for (String path : List.of(IMPORTS + "/history", IMPORTS + "/abc", IMPORTS + "/999999999")) {
                ApiResponse response = api.get(path).token(admin.token()).send();
                assertThat(response.status())
                        .as(path + " -> " + response.body())
                        .isIn(400, 404);
                assertThat(response.contentType()).startsWith("application/problem+json");
            }
        }

        @Test
        void anApiKeyImportsAsItselfAndItsEventsNameTheKey() {
            JsonNode key = api.post("/api/v1/api-keys")
                    .token(admin.token())
                    .json(Map.of("name", "HR sync " + unique(), "roles", List.of("manager")))
                    .send()
                    .json(201);
            String email = uniqueEmail("by-key");
            ApiResponse response = api.post(IMPORTS)
                    .header("X-Api-Key", key.get("key").asString())
                    .body("text/csv", "first_name,last_name,email\nKey,Made," + email + "\n")
                    .send();
            assertThat(response.status()).as(response.body()).isEqualTo(202);

            JsonNode done = ended(api, admin.token(), response.header("Location"));
            assertThat(done.get("created").asInt()).isEqualTo(1);
            assertThat(jdbc.sql("""
                            select actor_type || ':' || actor_id from audit_events
                            where type = 'staff.created' and target_id = :id""")
                            .param("id", staffIdOf(email))
                            .query(String.class)
                            .single())
                    .isEqualTo("api_key:" + key.get("id").asLong());
        }
    }

    @Nested
    class Idempotency {

        @Test
        void aRetryWithTheKeyGetsTheSameImportAndAnotherFileIs422() {
            String key = UUID.randomUUID().toString();
            String email = uniqueEmail("once");
            String csv = "first_name,last_name,email\nOnly,Once," + email + "\n";

            ApiResponse first = api.post(IMPORTS)
                    .token(admin.token())
                    .header("Idempotency-Key", key)
                    .body("text/csv", csv)
                    .send();
            ApiResponse retry = api.post(IMPORTS)
                    .token(admin.token())
                    .header("Idempotency-Key", key)
                    .body("text/csv", csv)
                    .send();
            ApiResponse other = api.post(IMPORTS)
                    .token(admin.token())
                    .header("Idempotency-Key", key)
                    .body("text/csv", csv + "Some,One,else@example.com\n")
                    .send();

            assertThat(first.status()).as(first.body()).isEqualTo(202);
            assertThat(retry.status()).isEqualTo(202);
            assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
            assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
            assertThat(retry.body()).isEqualTo(first.body());
            assertThat(other.status()).isEqualTo(422);
            assertThat(ended(api, admin.token(), first.header("Location"))
                            .get("created")
                            .asInt())
                    .isEqualTo(1);
            assertThat(staffWithEmail(email)).isEqualTo(1);
        }

        @Test
        void aStreamedUploadWithAKeyIsSpooledAndReplayed() {
            String key = UUID.randomUUID().toString();
            String email = uniqueEmail("spooled");
            byte[] csv = ("first_name,last_name,email\nSpooled,Upload," + email + "\n")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);

            ApiResponse first = api.post(IMPORTS).token(admin.token()).header("Idempotency-Key", key).stream(
                            "text/csv", () -> new java.io.ByteArrayInputStream(csv))
                    .send();
            ApiResponse retry = api.post(IMPORTS)
                    .token(admin.token())
                    .header("Idempotency-Key", key)
                    .body("text/csv", new String(csv, java.nio.charset.StandardCharsets.UTF_8))
                    .send();

            assertThat(first.status()).as(first.body()).isEqualTo(202);
            assertThat(retry.status())
                    .as("the same bytes, sent with a length: the same request")
                    .isEqualTo(202);
            assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
            assertThat(ended(api, admin.token(), first.header("Location"))
                            .get("created")
                            .asInt())
                    .isEqualTo(1);
        }
    }
}
