package com.staffkit.staff;

import static org.assertj.core.api.Assertions.assertThat;

import com.staffkit.support.ApiResponse;
import com.staffkit.support.IntegrationTest;
import com.staffkit.support.SqlStatementCounter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST} and {@code PATCH /api/v1/staffs/bulk}: each item created or changed on its own with
 * the status and problem a single request gives, or all or nothing with {@code atomic=true}.
 */
class StaffBulkTests extends IntegrationTest {

    private long organization;
    private Member admin;

    @BeforeEach
    void anOrganization() {
        organization = newOrganization("Bulk " + unique());
        admin = member(organization, "admin");
    }

    private Map<String, Object> person(String prefix) {
        Map<String, Object> item = new HashMap<>();
        item.put("first_name", "Ada");
        item.put("last_name", prefix + " Lovelace");
        item.put("email", uniqueEmail(prefix));
        item.put("remote_id", prefix + "-" + unique());
        return item;
    }

    private ApiResponse post(String query, List<?> items) {
        return api.post("/api/v1/staffs/bulk" + query)
                .token(admin.token())
                .json(Map.of("items", items))
                .send();
    }

    private long staffCount() {
        return jdbc.sql("select count(*) from staff where organization_id = :o and not is_service_user")
                .param("o", organization)
                .query(Long.class)
                .single();
    }

    private long auditCount(String type) {
        return jdbc.sql("select count(*) from audit_events where organization_id = :o and type = :t")
                .param("o", organization)
                .param("t", type)
                .query(Long.class)
                .single();
    }

    @Nested
    class Creates {

        @Test
        void eachItemIsCreatedOrRefusedOnItsOwnInRequestOrder() {
            Map<String, Object> first = person("first");
            Map<String, Object> duplicate = person("dup");
            duplicate.put("email", first.get("email"));
            Map<String, Object> invalid = person("invalid");
            invalid.put("email", "not an email");
            Map<String, Object> unknownRole = person("role");
            unknownRole.put("roles", List.of("no-such-role"));
            Map<String, Object> mistyped = person("typed");
            mistyped.put("is_active", "yes");
            Map<String, Object> last = person("last");
            last.put("generate_password", true);
            long before = staffCount();
            long createdEventsBefore = auditCount("staff.created");

            ApiResponse response = post("", List.of(first, duplicate, invalid, unknownRole, mistyped, last));

            JsonNode results = response.json(200).get("results");
            assertThat(results).hasSize(6);
            for (int i = 0; i < 6; i++) {
                assertThat(results.get(i).get("index").asInt()).isEqualTo(i);
            }
            assertThat(results.get(0).get("status").asInt()).isEqualTo(201);
            assertThat(results.get(0).get("staff").get("email").asString()).isEqualTo(first.get("email"));
            assertThat(results.get(0).has("problem")).isFalse();
            assertThat(results.get(1).get("status").asInt()).isEqualTo(409);
            assertThat(results.get(1).has("staff")).isFalse();
            JsonNode conflict = results.get(1).get("problem");
            assertThat(conflict.get("status").asInt()).isEqualTo(409);
            assertThat(conflict.get("errors").get(0).get("field").asString()).isEqualTo("email");
            assertThat(results.get(2).get("status").asInt()).isEqualTo(400);
            assertThat(results.get(2)
                            .get("problem")
                            .get("errors")
                            .get(0)
                            .get("field")
                            .asString())
                    .isEqualTo("email");
            assertThat(results.get(3).get("status").asInt()).isEqualTo(400);
            assertThat(results.get(3)
                            .get("problem")
                            .get("errors")
                            .get(0)
                            .get("field")
                            .asString())
                    .isEqualTo("roles");
            assertThat(results.get(4).get("status").asInt()).isEqualTo(400);
            assertThat(results.get(5).get("status").asInt()).isEqualTo(201);
            assertThat(results.get(5).get("staff").get("generated_password").asString())
                    .isNotBlank();
            assertThat(results.get(5).get("staff").get("has_activated").asBoolean())
                    .isTrue();

            assertThat(staffCount()).isEqualTo(before + 2);
            assertThat(auditCount("staff.created")).isEqualTo(createdEventsBefore + 2);
            JsonNode single = api.get("/api/v1/staffs/"
                            + results.get(0).get("staff").get("id").asLong())
                    .token(admin.token())
                    .send()
                    .json(200);
            assertThat(single).isEqualTo(results.get(0).get("staff"));
        }

        @Test
        void theSameProblemsAsASingleCreate() {
            Map<String, Object> taken = person("taken");
            createStaff(withOrganization(taken));
            Map<String, Object> again = new HashMap<>(taken);
            again.put("remote_id", "other-" + unique());

            JsonNode single = api.post("/api/v1/staffs")
                    .token(admin.token())
                    .json(again)
                    .send()
                    .json(409);
            JsonNode bulk = post("", List.of(again)).json(200).get("results").get(0);
            ((tools.jackson.databind.node.ObjectNode) single).remove("instance");

            assertThat(bulk.get("status").asInt()).isEqualTo(409);
            assertThat(bulk.get("problem")).isEqualTo(single);
        }

        @Test
        void aPendingAccountGetsItsActivationEmail() {
            Map<String, Object> item = person("pending");

            post("", List.of(item)).json(200);

            assertThat(jdbc.sql("select count(*) from email_outbox where recipient = :e")
                            .param("e", item.get("email"))
                            .query(Long.class)
                            .single())
                    .isEqualTo(1);
        }

        @Test
        void atomicStoresNothingAndNamesTheFirstFailure() {
            Map<String, Object> good = person("good");
            Map<String, Object> bad = person("bad");
            bad.put("roles", List.of("no-such-role"));
            Map<String, Object> worse = person("worse");
            worse.put("email", good.get("email"));
            long before = staffCount();

            ApiResponse response = post("?atomic=true", List.of(good, bad, worse));

            assertThat(response.status()).as(response.body()).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.json().get("index").asInt()).isEqualTo(1);
            assertThat(response.json().get("errors").get(0).get("field").asString())
                    .isEqualTo("roles");
            assertThat(staffCount()).isEqualTo(before);
        }

        @Test
        void atomicCreatesAllWhenAllAreFine() {
            long before = staffCount();

            JsonNode results = post("?atomic=true", List.of(person("a"), person("b")))
                    .json(200)
                    .get("results");

            assertThat(results).extracting(r -> r.get("status").asInt()).containsExactly(201, 201);
            assertThat(staffCount()).isEqualTo(before + 2);
        }

        @Test
        void moreThanAThousandItemsIs413() {
            List<Map<String, Object>> items = new ArrayList<>();
            for (int i = 0; i < 1001; i++) {
                items.add(Map.of("first_name", "A", "last_name", "B"));
            }

            ApiResponse response = post("", items);

            assertThat(response.status()).as(response.body()).isEqualTo(413);
            assertThat(response.json().get("detail").asString()).contains("1000");
        }

        @Test
        void aBodyWithoutItemsIs400() {
            ApiResponse response = api.post("/api/v1/staffs/bulk")
                    .token(admin.token())
                    .json(Map.of("things", List.of()))
                    .send();

            assertThat(response.status()).isEqualTo(400);
        }

        @Test
        void aThousandItemsAreCreatedInOneRequest() {
            List<Map<String, Object>> items = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                items.add(person("many" + i));
            }
            long before = staffCount();

            JsonNode results = post("", items).json(200).get("results");

            assertThat(results).hasSize(1000);
            assertThat(results)
                    .allSatisfy(r -> assertThat(r.get("status").asInt()).isEqualTo(201));
            assertThat(staffCount()).isEqualTo(before + 1000);
        }

        @Test
        void aBulkCreateIsTheSameFewStatementsWhateverItsSize() {
            post("", List.of(person("warm"))).json(200);

            // The fewer of two tries: the background jobs' statements (a poll, a retention run) count too.
            int few = Math.min(statementsToCreate(5), statementsToCreate(5));
            int many = Math.min(statementsToCreate(80), statementsToCreate(80));

            // Only the ids are taken in blocks: one more statement per fifty new staff members.
            assertThat(many).isBetween(few, few + 2);
            assertThat(few).isLessThan(25);
        }

        private int statementsToCreate(int count) {
            List<Map<String, Object>> items = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                items.add(person("count" + i));
            }
            SqlStatementCounter.start();
            JsonNode results = post("", items).json(200).get("results");
            List<String> statements = SqlStatementCounter.stop();
            assertThat(results)
                    .allSatisfy(r -> assertThat(r.get("status").asInt()).isEqualTo(201));
            return statements.size();
        }

        private Map<String, Object> withOrganization(Map<String, Object> item) {
            Map<String, Object> copy = new HashMap<>(item);
            copy.put("organization", organization);
            return copy;
        }
    }

    @Nested
    class Changes {

        @Test
        void eachItemIsAMergePatchOfItsStaffMember() {
            JsonNode results = post("", List.of(person("x"), person("y"), person("z")))
                    .json(200)
                    .get("results");
            long x = results.get(0).get("staff").get("id").asLong();
            long y = results.get(1).get("staff").get("id").asLong();
            long z = results.get(2).get("staff").get("id").asLong();
            String yEmail = results.get(1).get("staff").get("email").asString();
            long updatedBefore = auditCount("staff.updated");

            JsonNode changed = api.patch("/api/v1/staffs/bulk")
                    .token(admin.token())
                    .json(Map.of(
                            "items",
                            List.of(
                                    Map.of("id", x, "job_title", "Cashier"),
                                    Map.of("id", z, "email", yEmail),
                                    Map.of("id", 999_999_999L, "job_title", "Ghost"),
                                    Map.of("job_title", "No id"),
                                    Map.of("id", x, "roles", List.of("no-such-role")),
                                    Map.of("id", y, "first_name", "Ada"))))
                    .send()
                    .json(200)
                    .get("results");

            assertThat(changed).extracting(r -> r.get("status").asInt()).containsExactly(200, 409, 404, 400, 400, 200);
            assertThat(changed.get(0).get("staff").get("job_title").asString()).isEqualTo("Cashier");
            assertThat(changed.get(1)
                            .get("problem")
                            .get("errors")
                            .get(0)
                            .get("field")
                            .asString())
                    .isEqualTo("email");
            assertThat(jdbc.sql("select job_title from staff where id = :id")
                            .param("id", x)
                            .query(String.class)
                            .single())
                    .isEqualTo("Cashier");
            assertThat(auditCount("staff.updated")).isEqualTo(updatedBefore + 1);
        }

        @Test
        void atomicChangesNothingWhenOneFails() {
            long x = post("", List.of(person("ax")))
                    .json(200)
                    .get("results")
                    .get(0)
                    .get("staff")
                    .get("id")
                    .asLong();

            ApiResponse response = api.patch("/api/v1/staffs/bulk?atomic=true")
                    .token(admin.token())
                    .json(Map.of(
                            "items",
                            List.of(Map.of("id", x, "job_title", "Cashier"), Map.of("id", x, "email", "nope"))))
                    .send();

            assertThat(response.status()).as(response.body()).isEqualTo(400);
            assertThat(response.json().get("index").asInt()).isEqualTo(1);
            assertThat(jdbc.sql("select coalesce(job_title, '') from staff where id = :id")
                            .param("id", x)
                            .query(String.class)
                            .single())
                    .isEmpty();
        }
    }
}
