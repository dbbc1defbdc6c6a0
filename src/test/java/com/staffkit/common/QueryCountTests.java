package com.staffkit.common;

import static org.assertj.core.api.Assertions.assertThat;

import com.staffkit.support.ApiResponse;
import com.staffkit.support.IntegrationTest;
import com.staffkit.support.SqlStatementCounter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.test.context.TestPropertySource;

/**
 * Every list costs a fixed number of SQL statements whatever its page size, and one staff member
 * costs one statement besides authentication: N+1 regressions fail the build. The caller cache is
 * off here, so that every request's count holds its credential lookup.
 */
@TestPropertySource(properties = "staffkit.auth.caller-cache-ttl=0s")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueryCountTests extends IntegrationTest {

    private long organization;
    private String adminToken;
    private long store;
    private long team;
    private final List<Long> staffIds = new ArrayList<>();

    @BeforeAll
    void manyStaffWithRolesStoresAndTeams() {
        api = new com.staffkit.support.Api("http://localhost:" + port, json);
        organization = newOrganization("Query Count");
        adminToken = member(organization, "admin").token();
        store = createStore(adminToken, "Counted store");
        long otherStore = createStore(adminToken, "Second store");
        team = api.post("/api/teams")
                .token(adminToken)
                .json(Map.of("name", "Counted team"))
                .send()
                .json()
                .get("id")
                .asLong();
        for (int i = 0; i < 30; i++) {
            ApiResponse created = api.post("/api/v1/staffs/")
                    .token(adminToken)
                    .json(Map.of(
                            "first_name",
                            "Count",
                            "last_name",
                            "Member" + i,
                            "email",
                            uniqueEmail("count"),
                            "roles",
                            i % 2 == 0 ? List.of("member") : List.of("member", "manager"),
                            "retail_stores",
                            List.of(store, otherStore),
                            "tags",
                            List.of("t" + i)))
                    .send();
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            staffIds.add(created.json().get("id").asLong());
        }
        api.post("/api/teams/" + team + "/members")
                .token(adminToken)
                .json(Map.of("staff_ids", staffIds))
                .send();
    }

    private int statements(String path) {
        SqlStatementCounter.start();
        ApiResponse response = api.get(path).token(adminToken).send();
        List<String> sql = SqlStatementCounter.stop();
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return sql.size();
    }

    /** The statements of a read made a second time: the staff rows it shows are then in memory. */
    private int warmStatements(String path) {
        statements(path);
        return statements(path);
    }

    private void assertBounded(String path, int max) {
        String separator = path.contains("?") ? "&" : "?";
        int small = warmStatements(path + separator + "page_size=2");
        int large = warmStatements(path + separator + "page_size=100");
        assertThat(large)
                .as(path + ": statements must not grow with the page size")
                .isLessThanOrEqualTo(small);
        assertThat(small).as(path + ": authentication, page and count at most").isBetween(2, max);
    }

    @Test
    void aFirstPageThatHoldsEveryMatchNeedsNoCount() {
        String staff = "/api/v1/staffs/?organization=" + organization + "&page_size=";
        assertThat(statements(staff + "100")).as("authentication, the page").isEqualTo(2);
        assertThat(statements(staff + "2")).as("and the count").isEqualTo(3);
    }

    @Test
    void aStoresOrATeamsStaffComeWithTheirCountInOneStatement() {
        String members = "/api/teams/" + team + "/members?page_size=2";
        assertThat(warmStatements(members))
                .as("authentication, the team, the page's ids with their count; the rows from memory")
                .isEqualTo(3);
        assertThat(warmStatements("/api/v1/staffs/?store=" + store + "&role=manager&page_size=2"))
                .isEqualTo(2);

        var first = api.get(members).token(adminToken).send().json();
        assertThat(first.get("count").asLong()).isEqualTo(30);
        assertThat(first.get("results")).hasSize(2);
        var managers = api.get("/api/v1/staffs/?store=" + store + "&role=manager&page_size=2&page=8")
                .token(adminToken)
                .send()
                .json();
        assertThat(managers.get("count").asLong()).isEqualTo(15);
        assertThat(managers.get("results")).hasSize(1);
        var pastTheEnd = api.get(members + "&page=16").token(adminToken).send().json();
        assertThat(pastTheEnd.get("count").asLong()).isEqualTo(30);
        assertThat(pastTheEnd.get("results")).isEmpty();
    }

    @Test
    void aPlainSearchIsOneStatementWithItsCount() {
        String search = "/api/v1/staffs/?search=count%20member&page_size=2";
        assertThat(warmStatements(search))
                .as("authentication, the page's ids with their count; the rows from memory")
                .isEqualTo(2);
        assertThat(statements(search + "&page=16")).as("past the end too").isEqualTo(2);

        var first = api.get(search).token(adminToken).send().json();
        assertThat(first.get("count").asLong()).isEqualTo(30);
        assertThat(first.get("results")).hasSize(2);
        assertThat(first.get("results").get(0).get("id").asLong()).isEqualTo(staffIds.getFirst());
        var pastTheEnd = api.get(search + "&page=16").token(adminToken).send().json();
        assertThat(pastTheEnd.get("count").asLong()).isEqualTo(30);
        assertThat(pastTheEnd.get("results")).isEmpty();
    }

    @Test
    void countedPagesKeepTheirOrderingAndCombineFilters() {
        var byName = api.get("/api/v1/staffs/?store=" + store + "&ordering=-last_name&page_size=5&page=2")
                .token(adminToken)
                .send()
                .json();
        assertThat(byName.get("count").asLong()).isEqualTo(30);
        List<String> names = new ArrayList<>();
        byName.get("results").forEach(row -> names.add(row.get("last_name").asString()));
        assertThat(names).hasSize(5).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(names).containsExactly("Member4", "Member3", "Member29", "Member28", "Member27");

        for (String filters :
                List.of("team=" + team + "&role=manager", "store=" + store + "&team=" + team + "&role=MANAGER")) {
            var managers = api.get("/api/v1/staffs/?" + filters + "&page_size=4")
                    .token(adminToken)
                    .send()
                    .json();
            assertThat(managers.get("count").asLong()).as(filters).isEqualTo(15);
            managers.get("results")
                    .forEach(row -> assertThat(row.get("roles").toString()).contains("manager"));
        }
    }

    @Test
    void oneStaffMemberIsOneStatementBesidesAuthentication() {
        long unread =
                newStaffInStore(createStore(adminToken, "Store of one unread")).getFirst();
        assertThat(statements("/api/v1/staffs/" + unread + "/")).isEqualTo(2);
        assertThat(statements("/api/v1/staffs/" + unread + "/"))
                .as("then from memory")
                .isEqualTo(1);
    }

    @Test
    void aPagesRowsNotInMemoryAreOneStatementWhateverTheirNumber() {
        long unreadStore = createStore(adminToken, "Store of unread staff");
        List<Long> unread = newStaffInStore(unreadStore);
        String page = "/api/v1/staffs/?store=" + unreadStore + "&page_size=";
        assertThat(statements(page + "2"))
                .as("authentication, the page's ids with their count, its rows")
                .isEqualTo(3);
        assertThat(statements(page + "100"))
                .as("two rows in memory, three read together")
                .isEqualTo(3);
        assertThat(statements(page + "100")).as("all in memory").isEqualTo(2);

        var shown = api.get(page + "100").token(adminToken).send().json();
        assertThat(shown.get("count").asLong()).isEqualTo(unread.size());
        List<Long> ids = new ArrayList<>();
        shown.get("results").forEach(row -> ids.add(row.get("id").asLong()));
        assertThat(ids).containsExactlyElementsOf(unread);
    }

    /** Five staff members nobody has read yet, in this store, in id order. */
    private List<Long> newStaffInStore(long storeId) {
        return newStaffInStore(adminToken, storeId, "Unread", 5);
    }

    @Test
    void listsCostAFixedNumberOfStatements() {
        assertBounded("/api/v1/staffs/?organization=" + organization, 3);
        assertBounded("/api/v1/staffs/?store=" + store + "&role=manager", 3);
        assertBounded("/api/v1/staffs/?search=count", 3);
        assertBounded("/api/teams/" + team + "/members", 4);
        assertBounded("/api/v1/stores/" + store + "/staff", 4);
        assertBounded("/api/teams", 3);
        assertBounded("/api/v1/stores", 3);
        assertBounded("/api/v1/roles", 3);
        assertBounded("/api/v1/organizations", 3);
        assertBounded("/api/v1/api-keys", 3);
    }
}
