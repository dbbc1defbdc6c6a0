package com.staffkit.staffimport;

import static com.staffkit.staffimport.ImportSupport.ended;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.staffkit.support.ApiResponse;
import com.staffkit.support.IntegrationTest;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * A large upload is stored as it arrives: the service writes chunks of it to the database while
 * the client is still sending, so the file is never whole in its memory.
 */
class StaffImportStreamingTests extends IntegrationTest {

    private static final int ROWS = 100_000;
    private static final int ROWS_BEFORE_PAUSE = 10_000;

    @Autowired
    private StaffImportWorker worker;

    @AfterEach
    void startTheWorker() {
        if (!worker.isRunning()) {
            worker.start();
        }
    }

    /** Has the upload's transaction written a chunk (and is still open)? */
    private boolean chunkWrittenWhileUploading() {
        return jdbc.sql("""
                        select count(*) from pg_stat_activity
                        where pid <> pg_backend_pid()
                          and query like '%insert into staff_import_chunks%'
                          and state in ('idle in transaction', 'active')""").query(Long.class).single() > 0;
    }

    @Test
    void aHundredThousandRowFileIsWrittenToTheDatabaseWhileItIsStillArriving() throws Exception {
        // Nothing runs it: this test is about the upload (the uploader is then deactivated).
        worker.stop();
        Member admin = member(newOrganization("Streaming " + unique()), "admin");
        CountDownLatch resume = new CountDownLatch(1);
        GeneratedCsv file = new GeneratedCsv(ROWS, ROWS_BEFORE_PAUSE, resume);
        Thread watcher = Thread.ofVirtual().start(() -> {
            await().atMost(ImportSupport.WAIT).until(file::paused);
            await().atMost(ImportSupport.WAIT).until(this::chunkWrittenWhileUploading);
            file.sawChunksWhilePaused = true;
            resume.countDown();
        });

        ApiResponse response = api.post(ImportSupport.IMPORTS).token(admin.token()).stream("text/csv", () -> file)
                .send();
        watcher.join();

        assertThat(response.status()).as(response.body()).isEqualTo(202);
        assertThat(file.sawChunksWhilePaused)
                .as("chunks were written while the rest of the file was still to come")
                .isTrue();
        JsonNode queued = response.json();
        assertThat(queued.get("rows_total").asInt()).isEqualTo(ROWS);
        long id = queued.get("id").asLong();
        assertThat(jdbc.sql(
                                "select count(*), sum(jsonb_array_length(rows)) from staff_import_chunks where import_id = :id")
                        .param("id", id)
                        .query((rs, row) -> rs.getLong(1) + " chunks, " + rs.getLong(2) + " rows")
                        .single())
                .isEqualTo(ROWS / StaffImportUpload.CHUNK_ROWS + " chunks, " + ROWS + " rows");

        api.delete("/api/v1/staffs/" + admin.id()).token(superadminToken()).send();
        worker.start();
        assertThat(ended(api, superadminToken(), response.header("Location"))
                        .get("status")
                        .asString())
                .isEqualTo("failed");
    }

    /** A CSV made as it is read, which stops after some rows until the test lets it go on. */
    private static final class GeneratedCsv extends InputStream {

        private final int rows;
        private final int pauseAfter;
        private final CountDownLatch resume;
        private volatile boolean paused;
        volatile boolean sawChunksWhilePaused;
        private int next;
        private byte[] current = new byte[0];
        private int position;

        GeneratedCsv(int rows, int pauseAfter, CountDownLatch resume) {
            this.rows = rows;
            this.pauseAfter = pauseAfter;
            this.resume = resume;
        }

        boolean paused() {
            return paused;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (position == current.length && !advance()) {
                return -1;
            }
            int n = Math.min(length, current.length - position);
            System.arraycopy(current, position, buffer, offset, n);
            position += n;
            return n;
        }

        private boolean advance() {
            if (next > rows) {
                return false;
            }
            if (next == pauseAfter + 1) {
                paused = true;
                try {
                    resume.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            }
            String line = next == 0
                    ? "first_name,last_name,email,job_title\r\n"
                    : "Streamed,Row " + next + ",streamed-" + next + "@example.com,Cashier\r\n";
            current = line.getBytes(StandardCharsets.UTF_8);
            position = 0;
            next++;
            return true;
        }
    }
}
