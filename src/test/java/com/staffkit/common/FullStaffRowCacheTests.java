package com.staffkit.common;

import static org.assertj.core.api.Assertions.assertThat;

import com.staffkit.support.ApiResponse;
import com.staffkit.support.IntegrationTest;
import com.staffkit.support.SqlStatementCounter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * Staff outnumber what memory holds (three rows here): a page then reads its rows with its ids in
 * one statement and keeps none of them, so the rows read by id stay in memory.
 */
@TestPropertySource(properties = {"staffkit.auth.caller-cache-ttl=0s", "staffkit.cache.staff-rows=3"})
class FullStaffRowCacheTests extends IntegrationTest {

    @Test
    void onceMemoryIsFullAPageReadsItsRowsWithItsIdsAndPushesNoneOut() {
        long organization = newOrganization("Full Cache");
        String adminToken = member(organization, "admin").token();
        long store = createStore(adminToken, "Crowded store");
        List<Long> staff = newStaffInStore(adminToken, store, "Crowded", 5);
        List<Long> readById = staff.subList(0, 3);
        for (long id : readById) {
            assertThat(statements(adminToken, "/api/v1/staffs/" + id))
                    .as("authentication, the row")
                    .isEqualTo(2);
        }

        for (String page : List.of(
                "/api/v1/staffs/?store=" + store + "&page_size=100",
                "/api/v1/staffs/?search=crowded%20member&page_size=100")) {
            assertThat(statements(adminToken, page))
                    .as(page + ": authentication, the page's rows with their count")
                    .isEqualTo(2);
            var shown = api.get(page).token(adminToken).send().json();
            assertThat(shown.get("count").asLong()).isEqualTo(5);
            List<Long> ids = new ArrayList<>();
            shown.get("results").forEach(row -> ids.add(row.get("id").asLong()));
            assertThat(ids).containsExactlyElementsOf(staff);
        }

        for (long id : readById) {
            assertThat(statements(adminToken, "/api/v1/staffs/" + id))
                    .as("still in memory")
                    .isEqualTo(1);
        }
    }

    private int statements(String token, String path) {
        SqlStatementCounter.start();
        ApiResponse response = api.get(path).token(token).send();
        List<String> sql = SqlStatementCounter.stop();
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return sql.size();
    }
}
