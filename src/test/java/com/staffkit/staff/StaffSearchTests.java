package com.staffkit.staff;

import static com.staffkit.support.Json.ids;
import static org.assertj.core.api.Assertions.assertThat;

import com.staffkit.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A plain search (id order, narrowed by organization and state only) runs on the chunked copy of
 * the searched columns (V15): the same rows and counts as the search over the whole table, across
 * chunks, and the copy follows every write to staff.
 */
class StaffSearchTests extends IntegrationTest {

    private static final String STAFFS = "/api/v1/staffs/";

    /** Search chunks hold 2^15 ids each (V15). */
    private static final long CHUNK = 32_768;

    /**
     * The start of a chunk no staff member has an id in yet, and the staff sequence moved past the
     * {@code span} ids after it, so that the ids a test plants there are never handed out again
     * (the whole suite creates far more staff than one chunk holds).
     */
    private long freeChunks(long span) {
        long next = jdbc.sql(
                        "select greatest(nextval('staff_id_seq'), (select max(id) + 1 from staff where id < 1500000))")
                .query(Long.class)
                .single();
        long start = (next / CHUNK + 1) * CHUNK;
        jdbc.sql("select setval('staff_id_seq', :end)")
                .param("end", start + span)
                .query((rs, row) -> row)
                .list();
        return start;
    }

    @Test
    void pagesAndCountsMatchTheWholeTableAcrossChunks() {
        long organization = newOrganization("Chunked Search");
        String token = "chunk" + unique().replace("-", "");
        for (int i = 0; i < 4; i++) {
            insertStaff(null, organization, token, i, i != 1, i != 2);
        }
        // Ids in a later chunk, in the one after it, and in the default partition beyond the chunks.
        long start = freeChunks(3 * CHUNK);
        long[] spreadIds = {
            start + 7_232, start + 7_233, start + CHUNK + 4_464, 1_500_000, 2_097_151, 2_097_152, 3_000_000_000L
        };
        for (int i = 0; i < spreadIds.length; i++) {
            insertStaff(spreadIds[i], organization, token, 10 + i, i != 3, i != 5);
        }

        Map<String, String> conditions = Map.of(
                "", "is_active",
                "&include_pending=false", "is_active and has_activated",
                "&include_inactive=true", "true",
                "&include_inactive=true&include_pending=false", "has_activated",
                "&is_active=false", "not is_active",
                "&has_activated=false&is_active=true", "is_active and not has_activated");
        for (var states : conditions.entrySet()) {
            List<Long> expected = matchingIds(organization, token, states.getValue());
            assertThat(expected).as(states.getKey()).isNotEmpty();
            List<Long> paged = new ArrayList<>();
            for (int page = 1; page <= 5; page++) {
                JsonNode body = search("?organization=" + organization + "&search=" + token + "&page_size=3&page="
                        + page + states.getKey());
                assertThat(body.get("count").asLong()).as(states.getKey()).isEqualTo(expected.size());
                body.get("results").forEach(row -> paged.add(row.get("id").asLong()));
            }
            assertThat(paged).as(states.getKey()).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void theCountStopsAtTheCapAcrossChunks() {
        long organization = newOrganization("Capped Chunks");
        String token = "capchunk" + unique().replace("-", "");
        long start = freeChunks(8 * CHUNK);
        for (long base : new long[] {start, start + 4 * CHUNK}) {
            jdbc.sql("""
                            insert into staff (id, organization_id, first_name, last_name, email, has_activated)
                            overriding system value
                            select :base + g, :organization, 'Many', :token, :token || '-' || :base || '-' || g || '@example.com', true
                            from generate_series(1, 600) g""")
                    .param("base", base)
                    .param("organization", organization)
                    .param("token", token)
                    .update();
        }

        JsonNode first = search("?organization=" + organization + "&search=" + token + "&page_size=1000");
        JsonNode last = search("?organization=" + organization + "&search=" + token + "&page_size=300&page=4");

        assertThat(first.get("count").asLong()).isEqualTo(StaffQueries.SEARCH_COUNT_CAP);
        assertThat(first.get("results")).hasSize(1000);
        assertThat(first.get("results").get(599).get("id").asLong()).isEqualTo(start + 600);
        assertThat(first.get("results").get(600).get("id").asLong()).isEqualTo(start + 4 * CHUNK + 1);
        assertThat(last.get("count").asLong()).isEqualTo(StaffQueries.SEARCH_COUNT_CAP);
        assertThat(last.get("results").get(0).get("id").asLong()).isEqualTo(start + 4 * CHUNK + 301);
    }

    /**
     * A chunk's matches are read up to what the capped count lacks, in table order; where that read
     * stops at the cap, the chunk's first ids still come in id order. Rewritten rows move to the end
     * of their chunk's table, so table order is not id order here.
     */
    @Test
    void aChunkReadStoppedByTheCapStillGivesItsFirstIdsInIdOrder() {
        long organization = newOrganization("Capped Order");
        String token = "caporder" + unique().replace("-", "");
        long start = freeChunks(2 * CHUNK);
        for (long id : new long[] {start + 1, start + 2, start + 3, start + 4, start + 5, start + CHUNK + 1}) {
            insertStaff(id, organization, token, (int) (id - start), true, true);
        }
        jdbc.sql("update staff set first_name = 'Rewritten' where id in (:first, :second)")
                .param("first", start + 1)
                .param("second", start + 2)
                .update();
        List<Long> expected = matchingIds(organization, token, "is_active");
        assertThat(expected).hasSize(6);

        for (int cap = 1; cap <= expected.size() + 1; cap++) {
            for (int offset = 0; offset <= 4; offset++) {
                for (int limit = 1; limit <= 3; limit++) {
                    SearchPage page = searchPage(organization, token, offset, limit, cap);
                    String call = "cap " + cap + ", offset " + offset + ", limit " + limit;
                    assertThat(page.total()).as(call).isEqualTo(Math.min(cap, expected.size()));
                    assertThat(page.ids())
                            .as(call)
                            .containsExactlyElementsOf(expected.subList(
                                    Math.min(offset, expected.size()), Math.min(offset + limit, expected.size())));
                }
            }
        }
    }

    private record SearchPage(List<Long> ids, int total) {}

    private SearchPage searchPage(long organization, String token, int offset, int limit, int cap) {
        return jdbc.sql("select ids, total from staff_search_page(array[:organization]::bigint[], :pattern, true, null,"
                        + " :offset, :limit, :cap)")
                .param("organization", organization)
                .param("pattern", "%" + token + "%")
                .param("offset", offset)
                .param("limit", limit)
                .param("cap", cap)
                .query((rs, row) ->
                        new SearchPage(List.of((Long[]) rs.getArray("ids").getArray()), rs.getInt("total")))
                .single();
    }

    @Test
    void theCopyFollowsCreationRenamingDeactivationAndOtherOrganizations() {
        long organization = newOrganization("Search Follows");
        Member admin = member(organization, "admin");
        String before = "before" + unique().replace("-", "");
        String after = "after" + unique().replace("-", "");
        long id = api.post(STAFFS)
                .token(admin.token())
                .json(Map.of("first_name", "Renamed", "last_name", before, "email", uniqueEmail("renamed")))
                .send()
                .json(201)
                .get("id")
                .asLong();
        jdbc.sql("update staff set has_activated = true where id = :id")
                .param("id", id)
                .update();
        assertThat(ids(searchAs(admin, "?search=" + before))).containsExactly(id);

        api.patch(STAFFS + id + "/")
                .token(admin.token())
                .json(Map.of("last_name", after))
                .send()
                .json(200);
        assertThat(ids(searchAs(admin, "?search=" + before))).isEmpty();
        assertThat(ids(searchAs(admin, "?search=" + after))).containsExactly(id);

        jdbc.sql("update staff set is_active = false where id = :id")
                .param("id", id)
                .update();
        assertThat(ids(searchAs(admin, "?search=" + after))).isEmpty();
        assertThat(ids(searchAs(admin, "?search=" + after + "&include_inactive=true")))
                .containsExactly(id);

        Member stranger = member(newOrganization("Elsewhere"), "admin");
        assertThat(ids(searchAs(stranger, "?search=" + after + "&include_inactive=true")))
                .isEmpty();
        assertThat(ids(searchAs(stranger, "?search=" + after + "&include_inactive=true&organization=" + organization)))
                .isEmpty();

        jdbc.sql("delete from staff where id = :id").param("id", id).update();
        assertThat(jdbc.sql("select count(*) from staff_search where id = :id")
                        .param("id", id)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void aStaffMemberMovedToAnotherOrganizationIsFoundThereOnly() {
        long from = newOrganization("Moved From");
        long to = newOrganization("Moved To");
        String token = "moved" + unique().replace("-", "");
        insertStaff(null, from, token, 1, true, true);
        long id = jdbc.sql("select id from staff where organization_id = :from and last_name like :token || '%'")
                .param("from", from)
                .param("token", token)
                .query(Long.class)
                .single();

        jdbc.sql("update staff set organization_id = :to where id = :id")
                .param("to", to)
                .param("id", id)
                .update();

        assertThat(ids(search("?organization=" + from + "&search=" + token))).isEmpty();
        assertThat(ids(search("?organization=" + to + "&search=" + token))).containsExactly(id);
        assertThat(ids(search("?search=" + token)))
                .as("a superadmin, every organization")
                .containsExactly(id);
        assertThat(jdbc.sql("select organization_id from staff_search where id = :id")
                        .param("id", id)
                        .query(Long.class)
                        .single())
                .isEqualTo(to);
    }

    @Test
    void aPagePastTheEndKeepsTheCountWithoutAnotherStatement() {
        long organization = newOrganization("Past The End");
        String token = "pastend" + unique().replace("-", "");
        for (int i = 0; i < 3; i++) {
            insertStaff(null, organization, token, i, true, true);
        }

        JsonNode past = search("?organization=" + organization + "&search=" + token + "&page_size=2&page=3");

        assertThat(past.get("count").asLong()).isEqualTo(3);
        assertThat(past.get("results")).isEmpty();
        assertThat(past.get("previous").asString()).contains("page=2");
    }

    private void insertStaff(Long id, long organization, String token, int n, boolean active, boolean activated) {
        jdbc.sql(
                        (id == null
                                ? "insert into staff (organization_id, first_name, last_name, email, is_active, has_activated)"
                                        + " values (:organization, 'Spread', :lastName, :email, :active, :activated)"
                                : "insert into staff (id, organization_id, first_name, last_name, email, is_active, has_activated)"
                                        + " overriding system value"
                                        + " values (:id, :organization, 'Spread', :lastName, :email, :active, :activated)"))
                .param("id", id == null ? 0L : id)
                .param("organization", organization)
                .param("lastName", token + " " + n)
                .param("email", uniqueEmail("spread"))
                .param("active", active)
                .param("activated", activated)
                .update();
    }

    /** The matches computed over the whole staff table, in id order. */
    private List<Long> matchingIds(long organization, String token, String condition) {
        String sql = "select id from staff where organization_id = :organization"
                + " and search_text like '%' || :token || '%' and " + condition + " order by id";
        return jdbc.sql(sql)
                .param("organization", organization)
                .param("token", token)
                .query(Long.class)
                .list();
    }

    private JsonNode search(String query) {
        return api.get(STAFFS + query).token(superadminToken()).send().json(200);
    }

    private JsonNode searchAs(Member member, String query) {
        return api.get(STAFFS + query).token(member.token()).send().json(200);
    }
}
