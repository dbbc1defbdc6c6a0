package com.staffkit.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.staffkit.support.ApiResponse;
import com.staffkit.support.IntegrationTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import tools.jackson.databind.JsonNode;

/**
 * What the audit trail records of a request, as a client and an auditor see it: one event per change
 * in the change's transaction, with the request's id, address and user agent; refused changes and
 * secrets never; access events (refused logins, ended sessions, requested emails); and a table that
 * only grows, by month.
 */
class AuditTrailTests extends IntegrationTest {

    @Autowired
    AuditPartitions partitions;

    long organization;
    Member admin;

    @BeforeEach
    void setUp() {
        organization = newOrganization("Audit " + unique());
        admin = member(organization, "admin");
    }

    private List<Map<String, Object>> eventsOfRequest(String requestId) {
        return jdbc.sql("select * from audit_events where request_id = :r order by id")
                .param("r", requestId)
                .query()
                .listOfRows();
    }

    private List<Map<String, Object>> eventsAbout(long staffId, String type) {
        return jdbc.sql(
                        "select * from audit_events where target_type = 'staff' and target_id = :id and type = :type order by id")
                .param("id", staffId)
                .param("type", type)
                .query()
                .listOfRows();
    }

    private ApiResponse createStaff(String requestId, String email) {
        return createStaff(requestId, email, admin.token());
    }

    private ApiResponse createStaff(String requestId, String email, String token) {
        return api.post("/api/v1/staffs/")
                .token(token)
                .header("X-Request-Id", requestId)
                .header("User-Agent", "Back office 7.1")
                .header("X-Forwarded-For", "203.0.113.9")
                .json(Map.of("first_name", "Ada", "last_name", "Audit", "email", email))
                .send();
    }

    @Nested
    class Requests {

        @Test
        void aChangeRecordsOneEventWithTheRequestsIdAddressAndUserAgent() {
            String requestId = "req-" + UUID.randomUUID();
            String email = uniqueEmail("audited");
            ApiResponse created = createStaff(requestId, email);

            assertThat(created.status()).as(created.body()).isEqualTo(201);
            assertThat(created.header("X-Request-Id")).isEqualTo(requestId);
            List<Map<String, Object>> events = eventsOfRequest(requestId);
            assertThat(events).hasSize(1);
            Map<String, Object> event = events.getFirst();
            assertThat(event.get("type")).isEqualTo("staff.created");
            assertThat(event.get("organization_id")).isEqualTo(organization);
            assertThat(event.get("actor_type")).isEqualTo("staff");
            assertThat(event.get("actor_id")).isEqualTo(admin.id());
            assertThat(event.get("actor_display")).isEqualTo(admin.email());
            assertThat(event.get("target_type")).isEqualTo("staff");
            assertThat(event.get("target_id"))
                    .isEqualTo(created.json().get("id").asLong());
            assertThat(event.get("target_display")).isEqualTo(email);
            assertThat(event.get("client_address")).isEqualTo("203.0.113.9");
            assertThat(event.get("user_agent")).isEqualTo("Back office 7.1");
            UUID id = (UUID) event.get("id");
            assertThat(id.version()).isEqualTo(7);
            assertThat(AuditEventIds.timeOf(id))
                    .isEqualTo(((java.sql.Timestamp) event.get("occurred_at"))
                            .toInstant()
                            .truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        }

        @Test
        void anActorIsNamedAsTheTrailNamesThemAsATarget() {
            Member actor = member(organization, "admin");
            String requestId = "named-" + unique();

            assertThat(createStaff(requestId, uniqueEmail("made"), actor.token())
                            .status())
                    .isEqualTo(201);

            Object asTarget =
                    eventsAbout(actor.id(), "staff.created").getFirst().get("target_display");
            assertThat(asTarget).isEqualTo(actor.email());
            assertThat(eventsOfRequest(requestId).getFirst().get("actor_display"))
                    .isEqualTo(asTarget);
        }

        @Test
        void everyResponseCarriesARequestIdAndAnUnusableOneIsReplaced() {
            ApiResponse refused = api.get("/api/v1/staffs/").send();
            assertThat(refused.status()).isEqualTo(401);
            assertThat(UUID.fromString(refused.header("X-Request-Id"))).isNotNull();

            ApiResponse echoed = api.get("/api/v1/staffs/")
                    .header("X-Request-Id", "trace-42")
                    .send();
            assertThat(echoed.header("X-Request-Id")).isEqualTo("trace-42");

            ApiResponse replaced = api.get("/api/v1/staffs/")
                    .token(admin.token())
                    .header("X-Request-Id", "has spaces and \"quotes\"")
                    .send();
            assertThat(replaced.status()).isEqualTo(200);
            assertThat(UUID.fromString(replaced.header("X-Request-Id"))).isNotNull();
            assertThat(api.get("/api/v1/staffs/")
                            .token(admin.token())
                            .header("X-Request-Id", "x".repeat(129))
                            .send()
                            .header("X-Request-Id"))
                    .hasSize(36);
        }

        @Test
        void aRefusedChangeRecordsNothing() {
            String email = uniqueEmail("taken");
            assertThat(createStaff("first-" + unique(), email).status()).isEqualTo(201);
            String requestId = "conflict-" + unique();

            ApiResponse conflict = createStaff(requestId, email);

            assertThat(conflict.status()).isEqualTo(409);
            assertThat(conflict.header("X-Request-Id")).isEqualTo(requestId);
            assertThat(eventsOfRequest(requestId)).isEmpty();
        }

        @Test
        void aPasswordChangeRecordsThatItChangedAndNeverTheValue() {
            Member member = member(organization, "member");
            String requestId = "password-" + unique();
            String newPassword = "a-brand-new-secret-" + unique();

            ApiResponse changed = api.post("/api/v1/me/password")
                    .token(member.token())
                    .header("X-Request-Id", requestId)
                    .json(Map.of("current_password", PASSWORD, "new_password", newPassword))
                    .send();

            assertThat(changed.status()).as(changed.body()).isBetween(200, 204);
            List<Map<String, Object>> events = eventsOfRequest(requestId);
            // The change, and the sessions it ended (the member's own, logged in above).
            assertThat(events)
                    .extracting(event -> event.get("type"))
                    .containsExactlyInAnyOrder("staff.password_changed", "auth.sessions_revoked");
            Map<String, Object> change = events.stream()
                    .filter(event -> event.get("type").equals("staff.password_changed"))
                    .findFirst()
                    .orElseThrow();
            JsonNode changes = json.readTree(change.get("changes").toString());
            assertThat(changes.toString()).isEqualTo("[{\"field\":\"password\",\"changed\":true}]");
            String everything = jdbc.sql("select string_agg(e::text, ' ') from audit_events e where request_id = :r")
                    .param("r", requestId)
                    .query(String.class)
                    .single();
            assertThat(everything)
                    .doesNotContain(newPassword)
                    .doesNotContain(PASSWORD)
                    .doesNotContain("$2");
        }

        @Test
        void aChangeMadeWithAnApiKeyNamesTheKeyAndItsCreator() {
            JsonNode key = api.post("/api/v1/api-keys/")
                    .token(admin.token())
                    .json(Map.of("name", "HR sync " + unique(), "roles", List.of("manager")))
                    .send()
                    .json(201);
            String requestId = "key-" + unique();

            ApiResponse created = api.post("/api/v1/staffs/")
                    .header("X-Api-Key", key.get("key").asString())
                    .header("X-Request-Id", requestId)
                    .json(Map.of("first_name", "Kay", "last_name", "Key", "email", uniqueEmail("by-key")))
                    .send();

            assertThat(created.status()).as(created.body()).isEqualTo(201);
            Map<String, Object> event = eventsOfRequest(requestId).getFirst();
            assertThat(event.get("actor_type")).isEqualTo("api_key");
            assertThat(event.get("actor_id")).isEqualTo(key.get("id").asLong());
            assertThat(event.get("actor_display")).isEqualTo(key.get("name").asString());
            assertThat(event.get("actor_key_creator_id")).isEqualTo(admin.id());
            assertThat(event.get("actor_key_creator_display")).isEqualTo(admin.email());
            assertThat(String.valueOf(event)).doesNotContain(key.get("key").asString());
        }
    }

    @Nested
    class AccessEvents {

        @Test
        void failedLoginsNameTheAccountNeverWhatWasTyped() {
            Member member = member(organization, "member");
            String requestId = "failed-" + unique();

            ApiResponse failed = api.post("/api/v1/auth/login")
                    .header("X-Request-Id", requestId)
                    .json(Map.of("username", member.email(), "password", "not-the-password"))
                    .send();
            String unknownId = "unknown-" + unique();
            String typed = "someone-" + unique() + "@nowhere.example";
            api.post("/api/v1/auth/login")
                    .header("X-Request-Id", unknownId)
                    .json(Map.of("username", typed, "password", "whatever-it-is"))
                    .send();

            assertThat(failed.status()).isEqualTo(401);
            Map<String, Object> event = eventsOfRequest(requestId).getFirst();
            assertThat(event.get("type")).isEqualTo("auth.login_failed");
            assertThat(event.get("actor_type")).isEqualTo("anonymous");
            assertThat(event.get("target_id")).isEqualTo(member.id());
            assertThat(event.get("target_display")).isEqualTo(member.email());
            assertThat(event.get("organization_id")).isEqualTo(organization);
            Map<String, Object> unknown = eventsOfRequest(unknownId).getFirst();
            assertThat(unknown.get("type")).isEqualTo("auth.login_failed");
            assertThat(unknown.get("target_id")).isNull();
            assertThat(unknown.get("organization_id")).isNull();
            assertThat(String.valueOf(unknown)).doesNotContain(typed).doesNotContain("whatever-it-is");
        }

        @Test
        void aSuccessfulLoginAndALockedOutOneAreRecorded() {
            Member member = member(organization, "member");
            assertThat(eventsAbout(member.id(), "auth.login_succeeded")).hasSize(1);
            for (int i = 0; i < 5; i++) {
                api.post("/api/v1/auth/login")
                        .json(Map.of("username", member.email(), "password", "wrong-" + i))
                        .send();
            }
            ApiResponse locked = api.post("/api/v1/auth/login")
                    .json(Map.of("username", member.email(), "password", PASSWORD))
                    .send();

            assertThat(locked.status()).isEqualTo(429);
            assertThat(eventsAbout(member.id(), "auth.login_failed")).hasSize(5);
            assertThat(eventsAbout(member.id(), "auth.login_locked_out")).hasSize(1);
        }

        @Test
        void aChangeThatEndsSessionsRecordsTheRevocationByItsActor() {
            Member member = member(organization, "member");
            Member idle = member(organization, "member");
            jdbc.sql("update refresh_tokens set revoked_at = now() where staff_id = :id")
                    .param("id", idle.id())
                    .update();

            for (Member deactivated : List.of(member, idle)) {
                assertThat(api.delete("/api/v1/staffs/" + deactivated.id())
                                .token(admin.token())
                                .send()
                                .status())
                        .isEqualTo(204);
            }

            List<Map<String, Object>> revoked = eventsAbout(member.id(), "auth.sessions_revoked");
            assertThat(revoked).hasSize(1);
            assertThat(revoked.getFirst().get("actor_type")).isEqualTo("staff");
            assertThat(revoked.getFirst().get("actor_id")).isEqualTo(admin.id());
            assertThat(revoked.getFirst().get("target_display")).isEqualTo(member.email());
            assertThat(eventsAbout(member.id(), "staff.deactivated")).hasSize(1);
            // No open session, nothing ended: only the change itself is on the record.
            assertThat(eventsAbout(idle.id(), "auth.sessions_revoked")).isEmpty();
        }

        @Test
        void aLogoutAndAReusedRefreshTokenEndSessionsOnTheRecord() {
            Member member = member(organization, "member");
            JsonNode session = api.post("/api/v1/auth/login")
                    .json(Map.of("username", member.email(), "password", PASSWORD))
                    .send()
                    .json(200);
            String refresh = session.get("refresh_token").asString();
            api.post("/api/v1/auth/refresh")
                    .json(Map.of("refresh_token", refresh))
                    .send()
                    .json(200);
            assertThat(api.post("/api/v1/auth/refresh")
                            .json(Map.of("refresh_token", refresh))
                            .send()
                            .status())
                    .isEqualTo(401);
            JsonNode second = api.post("/api/v1/auth/login")
                    .json(Map.of("username", member.email(), "password", PASSWORD))
                    .send()
                    .json(200);
            api.post("/api/v1/auth/logout")
                    .json(Map.of("refresh_token", second.get("refresh_token").asString()))
                    .send();

            List<Map<String, Object>> reused = eventsAbout(member.id(), "auth.refresh_token_reused");
            assertThat(reused).hasSize(1);
            assertThat(reused.getFirst().get("actor_type")).isEqualTo("anonymous");
            List<Map<String, Object>> loggedOut = eventsAbout(member.id(), "auth.logout");
            assertThat(loggedOut).hasSize(1);
            assertThat(loggedOut.getFirst().get("actor_id")).isEqualTo(member.id());
        }

        @Test
        void requestedActivationAndPasswordResetEmailsAreRecorded() {
            String email = uniqueEmail("pending");
            long pending = api.post("/api/v1/staffs/")
                    .token(admin.token())
                    .json(Map.of("first_name", "Pen", "last_name", "Ding", "email", email))
                    .send()
                    .json(201)
                    .get("id")
                    .asLong();
            Member member = member(organization, "member");

            assertThat(api.post("/api/v1/staffs/" + pending + "/activation")
                            .token(admin.token())
                            .send()
                            .status())
                    .isBetween(200, 204);
            assertThat(api.post("/api/v1/password-reset")
                            .json(Map.of("email", member.email()))
                            .send()
                            .status())
                    .isBetween(200, 204);

            List<Map<String, Object>> activation = eventsAbout(pending, "staff.activation_requested");
            assertThat(activation).hasSize(1);
            assertThat(activation.getFirst().get("actor_id")).isEqualTo(admin.id());
            assertThat(eventsAbout(member.id(), "staff.password_reset_requested"))
                    .hasSize(1);
        }
    }

    @Nested
    class Keeping {

        @Test
        void theDatabaseRefusesToChangeOrDeleteAnEvent() {
            Member member = member(organization, "member");
            assertThat(eventsAbout(member.id(), "staff.created")).hasSize(1);

            assertThatThrownBy(() -> jdbc.sql("update audit_events set type = 'x' where target_id = :id")
                            .param("id", member.id())
                            .update())
                    .isInstanceOf(DataAccessException.class)
                    .rootCause()
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> jdbc.sql("delete from audit_events where target_id = :id")
                            .param("id", member.id())
                            .update())
                    .isInstanceOf(DataAccessException.class)
                    .rootCause()
                    .hasMessageContaining("append-only");
            assertThat(eventsAbout(member.id(), "staff.created")).hasSize(1);
        }

        @Test
        void monthsAheadExistAndMonthsPastRetentionAreDroppedWhole() {
            jdbc.sql("select audit_events_add_month(date '2019-03-10')")
                    .query(String.class)
                    .single();

            List<String> dropped = partitions.maintain();

            assertThat(dropped).contains("audit_events_2019_03");
            assertThat(jdbc.sql("select to_regclass('audit_events_2019_03') is null")
                            .query(Boolean.class)
                            .single())
                    .isTrue();
            java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
            for (int month = 0; month <= 2; month++) {
                String name = String.format(
                        "audit_events_%d_%02d",
                        today.plusMonths(month).getYear(),
                        today.plusMonths(month).getMonthValue());
                assertThat(jdbc.sql("select to_regclass(:n) is not null")
                                .param("n", name)
                                .query(Boolean.class)
                                .single())
                        .as(name)
                        .isTrue();
            }
        }
    }

    @Nested
    class Reading {

        private long newStaff(String email) {
            return api.post("/api/v1/staffs/")
                    .token(admin.token())
                    .json(Map.of("first_name", "Rea", "last_name", "Ding", "email", email))
                    .send()
                    .json(201)
                    .get("id")
                    .asLong();
        }

        private void rename(long id, String jobTitle) {
            api.patch("/api/v1/staffs/" + id)
                    .token(admin.token())
                    .json(Map.of("job_title", jobTitle))
                    .send()
                    .json(200);
        }

        private List<String> types(JsonNode page) {
            List<String> types = new java.util.ArrayList<>();
            page.get("results").forEach(event -> types.add(event.get("type").asString()));
            return types;
        }

        @Test
        void newestFirstWithTheChangesAndAStableCursor() {
            long id = newStaff(uniqueEmail("read"));
            rename(id, "Cashier");
            rename(id, "Lead cashier");
            String first = "/api/v1/audit-events?target_type=staff&target_id=" + id + "&page_size=2";

            JsonNode page = api.get(first).token(admin.token()).send().json(200);

            assertThat(types(page)).containsExactly("staff.updated", "staff.updated");
            JsonNode newest = page.get("results").get(0);
            assertThat(newest.get("actor").get("id").asLong()).isEqualTo(admin.id());
            assertThat(newest.get("actor").get("display").asString()).isEqualTo(admin.email());
            assertThat(newest.get("target").get("id").asLong()).isEqualTo(id);
            assertThat(newest.get("organization").asLong()).isEqualTo(organization);
            assertThat(newest.get("changes").toString())
                    .isEqualTo("[{\"field\":\"job_title\",\"from\":\"Cashier\",\"to\":\"Lead cashier\"}]");
            assertThat(newest.get("request_id").asString()).isNotBlank();
            String next = page.get("next").asString();
            assertThat(next).startsWith("http").contains("target_id=" + id).contains("cursor=");

            rename(id, "Head cashier");
            JsonNode older = api.get(next.substring(next.indexOf("/api/")))
                    .token(admin.token())
                    .send()
                    .json(200);

            assertThat(types(older)).containsExactly("staff.created");
            assertThat(older.get("next").isNull()).isTrue();
            String oneId = newest.get("id").asString();
            assertThat(api.get("/api/v1/audit-events/" + oneId)
                            .token(admin.token())
                            .send()
                            .json(200))
                    .isEqualTo(newest);
        }

        @Test
        void typesMatchExactlyOrByPrefix() {
            long id = newStaff(uniqueEmail("types"));
            rename(id, "Baker");
            String about = "&target_type=staff&target_id=" + id;

            assertThat(types(api.get("/api/v1/audit-events?type=staff.*" + about)
                            .token(admin.token())
                            .send()
                            .json(200)))
                    .containsExactly("staff.updated", "staff.created");
            assertThat(types(api.get("/api/v1/audit-events?type=staff.created" + about)
                            .token(admin.token())
                            .send()
                            .json(200)))
                    .containsExactly("staff.created");
            assertThat(types(api.get("/api/v1/audit-events?type=team.*&type=staff.updated" + about)
                            .token(admin.token())
                            .send()
                            .json(200)))
                    .containsExactly("staff.updated");
        }

        @Test
        void otherOrganizationsEventsAreNotThereAndReadingNeedsTheAuditPermission() {
            long id = newStaff(uniqueEmail("hidden"));
            String eventId = api.get("/api/v1/audit-events?target_type=staff&target_id=" + id)
                    .token(admin.token())
                    .send()
                    .json(200)
                    .get("results")
                    .get(0)
                    .get("id")
                    .asString();
            Member outsider = member(newOrganization("Elsewhere " + unique()), "admin");
            Member manager = member(organization, "manager");

            assertThat(api.get("/api/v1/audit-events?target_type=staff&target_id=" + id)
                            .token(outsider.token())
                            .send()
                            .json(200)
                            .get("results"))
                    .isEmpty();
            assertThat(api.get("/api/v1/audit-events/" + eventId)
                            .token(outsider.token())
                            .send()
                            .status())
                    .isEqualTo(404);
            assertThat(api.get("/api/v1/staffs/" + id + "/history")
                            .token(outsider.token())
                            .send()
                            .status())
                    .isEqualTo(404);
            assertThat(api.get("/api/v1/audit-events")
                            .token(manager.token())
                            .send()
                            .status())
                    .isEqualTo(403);
            assertThat(types(api.get("/api/v1/audit-events?target_type=staff&target_id=" + id)
                            .token(superadminToken())
                            .send()
                            .json(200)))
                    .containsExactly("staff.created");
        }

        @Test
        void aStaffMembersHistoryHoldsWhatWasDoneToThemAndByThem() {
            Member actor = member(organization, "admin");
            long changed = newStaff(uniqueEmail("history"));
            api.patch("/api/v1/staffs/" + changed)
                    .token(actor.token())
                    .json(Map.of("job_title", "Florist"))
                    .send()
                    .json(200);

            JsonNode history = api.get("/api/v1/staffs/" + actor.id() + "/history")
                    .token(admin.token())
                    .send()
                    .json(200);

            assertThat(types(history)).containsExactly("staff.updated", "auth.login_succeeded", "staff.created");
            assertThat(history.get("results").get(0).get("target").get("id").asLong())
                    .isEqualTo(changed);
        }

        @Test
        void badFiltersAreRefusedNamingTheField() {
            assertThat(api.get("/api/v1/audit-events?page_size=201")
                            .token(admin.token())
                            .send()
                            .json(400)
                            .toString())
                    .contains("page_size");
            assertThat(api.get("/api/v1/audit-events?since=yesterday")
                            .token(admin.token())
                            .send()
                            .json(400)
                            .toString())
                    .contains("since");
            assertThat(api.get("/api/v1/audit-events?actor_type=robot")
                            .token(admin.token())
                            .send()
                            .json(400)
                            .toString())
                    .contains("actor_type");
            assertThat(api.get("/api/v1/audit-events?cursor=12")
                            .token(admin.token())
                            .send()
                            .json(400)
                            .toString())
                    .contains("cursor");
            assertThat(api.get("/api/v1/audit-events?type=DROP%20TABLE")
                            .token(admin.token())
                            .send()
                            .json(400)
                            .toString())
                    .contains("type");
        }
    }
}
