package com.staffkit.staffimport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.staffkit.support.Api;
import com.staffkit.support.ApiResponse;
import java.time.Duration;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** Uploading a CSV and waiting for its import to end, as a client does. */
final class ImportSupport {

    static final String IMPORTS = "/api/v1/staffs/imports";
    static final Duration WAIT = Duration.ofSeconds(60);

    private ImportSupport() {}

    static ApiResponse upload(Api api, String token, String query, String csv) {
        return api.post(IMPORTS + query).token(token).body("text/csv", csv).send();
    }

    /** Uploads, expects 202, and returns the import's address. */
    static String queued(Api api, String token, String query, String csv) {
        ApiResponse response = upload(api, token, query, csv);
        assertThat(response.status()).as(response.body()).isEqualTo(202);
        String location = response.header("Location");
        assertThat(location).matches(IMPORTS + "/[0-9]+");
        return location;
    }

    /** The import once it has ended (succeeded or failed). */
    static JsonNode ended(Api api, String token, String location) {
        return ended(api, token, location, WAIT);
    }

    static JsonNode ended(Api api, String token, String location, Duration wait) {
        return await().atMost(wait)
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> api.get(location).token(token).send().json(200),
                        status -> Set.of("succeeded", "failed")
                                .contains(status.get("status").asString()));
    }
}
