package com.staffkit.staffimport;

import static org.assertj.core.api.Assertions.assertThat;

import com.staffkit.support.ApiResponse;
import com.staffkit.support.IntegrationTest;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Enumeration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import tools.jackson.databind.JsonNode;

/**
 * How fast an import goes end to end: from the first byte of the upload to the import's end, 50,000
 * new staff members with an email, a remote_id, a job title and a role each (so 50,000 audit
 * events and activation emails). Run with {@code -Dstaffkit.measure=true}.
 */
@EnabledIfSystemProperty(named = "staffkit.measure", matches = "true")
class StaffImportMeasurementTests extends IntegrationTest {

    private static final int ROWS = Integer.getInteger("staffkit.measure.rows", 50_000);

    @Test
    void fiftyThousandRows() {
        Member admin = member(newOrganization("Measured import " + unique()), "admin");
        String run = UUID.randomUUID().toString().substring(0, 8);

        long started = System.nanoTime();
        ApiResponse response = api.post(ImportSupport.IMPORTS).token(admin.token()).stream("text/csv", () -> rows(run))
                .send();
        long uploaded = System.nanoTime();
        assertThat(response.status()).as(response.body()).isEqualTo(202);
        JsonNode done = ImportSupport.ended(api, admin.token(), response.header("Location"), Duration.ofMinutes(5));
        long ended = System.nanoTime();

        assertThat(done.get("status").asString()).isEqualTo("succeeded");
        assertThat(done.get("created").asInt()).as(done.toString()).isEqualTo(ROWS);
        double seconds = (ended - started) / 1e9;
        System.out.printf(
                "Import of %,d rows: upload %.1f s, end to end %.1f s, %,.0f rows/s%n",
                ROWS, (uploaded - started) / 1e9, seconds, ROWS / seconds);
    }

    private static InputStream rows(String run) {
        Enumeration<InputStream> lines = new Enumeration<>() {
            private int next;

            @Override
            public boolean hasMoreElements() {
                return next <= ROWS;
            }

            @Override
            public InputStream nextElement() {
                String line = next == 0
                        ? "first_name,last_name,email,remote_id,job_title,roles\r\n"
                        : "Measured,Row " + next + ",measured-" + run + "-" + next + "@example.com,m-" + run + "-"
                                + next + ",Cashier,member\r\n";
                next++;
                return new ByteArrayInputStream(line.getBytes(StandardCharsets.UTF_8));
            }
        };
        return new SequenceInputStream(lines);
    }
}
