package com.staffkit.common.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.staffkit.support.IntegrationTest;
import com.staffkit.support.RecordedEvents;
import com.staffkit.support.TestMail;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every change of an aggregate, made over HTTP, publishes exactly one committed domain event naming
 * its actor, its target and the fields it changed; a refused change publishes none.
 */
class DomainEventTests extends IntegrationTest {

    @Autowired
    RecordedEvents recorded;

    long organization;
    Member admin;

    int eventsBefore;

    @BeforeEach
    void setUp() {
        eventsBefore = recorded.all().size();
        organization = newOrganization("Events " + unique());
        admin = member(organization, "admin");
    }

    /** Each kind of change above is in the audit trail too: every committed event has its row, as published. */
    @AfterEach
    void everyCommittedEventHasItsAuditRow() {
        List<DomainEvent> events = recorded.all();
        for (DomainEvent event : events.subList(eventsBefore, events.size())) {
            List<Map<String, Object>> rows = jdbc.sql("""
                            select actor_type, actor_id, actor_key_creator_id, changes::text as changes, organization_id
                            from audit_events
                            where type = :type and target_type = :targetType and target_id = :targetId
                              and occurred_at = :occurredAt""")
                    .param("type", event.type())
                    .param("targetType", event.target().type())
                    .param("targetId", event.target().id())
                    .param("occurredAt", java.sql.Timestamp.from(event.occurredAt()))
                    .query()
                    .listOfRows();
            assertThat(rows).as("audit rows of %s", event).hasSize(1);
            Map<String, Object> row = rows.getFirst();
            assertThat(row.get("actor_type"))
                    .isEqualTo(event.actor().type().name().toLowerCase(java.util.Locale.ROOT));
            assertThat(row.get("actor_id")).isEqualTo(event.actor().id());
            assertThat(row.get("actor_key_creator_id")).isEqualTo(event.actor().keyCreatorId());
            assertThat(row.get("organization_id")).isEqualTo(event.organizationId());
            tools.jackson.databind.JsonNode changes = json.readTree((String) row.get("changes"));
            assertThat(changes.size()).isEqualTo(event.changes().size());
            for (int i = 0; i < changes.size(); i++) {
                FieldChange change = event.changes().get(i);
                tools.jackson.databind.JsonNode recorded = changes.get(i);
                assertThat(recorded.get("field").asString()).isEqualTo(change.field());
                if (change.secret()) {
                    assertThat(recorded.toString())
                            .isEqualTo("{\"field\":\"" + change.field() + "\",\"changed\":true}");
                } else {
                    assertThat(recorded.has("from") && recorded.has("to"))
                            .as(recorded.toString())
                            .isTrue();
                    assertThat(recorded.get("to").isNull()).isEqualTo(change.to() == null);
                }
            }
        }
    }

    @Nested
    class Staff {

        @Test
        void aCreationAndAReplaceEachMakeOneEventWithTheChangedFieldsOnly() {
            long id = newStaff();

            assertThat(api.patch("/api/v1/staffs/" + id)
                            .token(admin.token())
                            .json(Map.of("job_title", "Cashier", "roles", List.of("manager")))
                            .send()
                            .status())
                    .isEqualTo(200);

            List<DomainEvent> events = recorded.about(Target.STAFF, id);
            assertThat(events).extracting(DomainEvent::type).containsExactly("staff.created", "staff.updated");
            DomainEvent updated = events.get(1);
            assertThat(updated.organizationId()).isEqualTo(organization);
            assertThat(updated.actor()).isEqualTo(Actor.staff(admin.id()));
            assertThat(updated.changes())
                    .containsExactlyInAnyOrder(
                            FieldChange.of("job_title", null, "Cashier"),
                            FieldChange.of("roles", List.of("member"), List.of("manager")));
        }

        @Test
        void aChangeOfOneKindIsNamedAfterIt() {
            long id = newStaff();

            api.patch("/api/v1/staffs/" + id)
                    .token(admin.token())
                    .json(Map.of("roles", List.of("manager")))
                    .send()
                    .json(200);
            api.delete("/api/v1/staffs/" + id).token(admin.token()).send();

            assertThat(recorded.about(Target.STAFF, id))
                    .extracting(DomainEvent::type)
                    .containsExactly("staff.created", "staff.roles_changed", "staff.deactivated");
        }

        @Test
        void storeAssignmentsAndTheCurrentStoreAreEventsOfTheStaffMember() {
            long store = newStore();
            Member worker = member(organization, "member");

            api.put("/api/v1/staffs/" + worker.id() + "/stores/" + store)
                    .token(admin.token())
                    .send();
            api.put("/api/v1/staffs/" + worker.id() + "/stores/" + store)
                    .token(admin.token())
                    .send();
            api.post("/api/v1/me/current-store")
                    .token(login(worker.email(), PASSWORD))
                    .json(Map.of("store", store))
                    .send();

            List<DomainEvent> events = recorded.about(Target.STAFF, worker.id());
            assertThat(events)
                    .extracting(DomainEvent::type)
                    .containsSubsequence("staff.store_assigned", "staff.current_store_set")
                    .containsOnlyOnce("staff.store_assigned");
            DomainEvent assigned = events.stream()
                    .filter(event -> event.is("staff.store_assigned"))
                    .findFirst()
                    .orElseThrow();
            assertThat(assigned.changes()).containsExactly(FieldChange.of("retail_stores", List.of(), List.of(store)));
        }

        @Test
        void aPasswordChangeSaysOnlyThatThePasswordChanged() {
            Member member = member(organization, "member");

            api.post("/api/v1/me/password")
                    .token(member.token())
                    .json(Map.of("current_password", PASSWORD, "new_password", "a-new-secret-password-9"))
                    .send();

            DomainEvent changed = recorded.about(Target.STAFF, member.id()).stream()
                    .filter(event -> event.is("staff.password_changed"))
                    .findFirst()
                    .orElseThrow();
            assertThat(changed.changes()).containsExactly(FieldChange.secret("password"));
            assertThat(changed.toString()).doesNotContain("a-new-secret-password-9", PASSWORD, "$2");
            assertThat(recorded.about(Target.STAFF, member.id()))
                    .extracting(DomainEvent::type)
                    .contains("auth.login_succeeded");
        }

        @Test
        void aRefusedChangePublishesNothing() {
            long id = newStaff();
            String taken = admin.email();

            assertThat(api.patch("/api/v1/staffs/" + id)
                            .token(admin.token())
                            .json(Map.of("email", taken))
                            .send()
                            .status())
                    .isEqualTo(409);

            assertThat(recorded.about(Target.STAFF, id))
                    .extracting(DomainEvent::type)
                    .containsExactly("staff.created");
        }
    }

    @Test
    void teamsReportTheirChangesAndEachNewMember() {
        long team = api.post("/api/teams")
                .token(admin.token())
                .json(Map.of("organization", organization, "name", "Floor " + unique()))
                .send()
                .json(201)
                .get("id")
                .asLong();
        long staff = newStaff();

        api.patch("/api/teams/" + team)
                .token(admin.token())
                .json(Map.of("description", "Night shift"))
                .send();
        api.put("/api/teams/" + team + "/members/" + staff).token(admin.token()).send();
        api.put("/api/teams/" + team + "/members/" + staff).token(admin.token()).send();
        api.delete("/api/teams/" + team + "/members/" + staff)
                .token(admin.token())
                .send();
        api.delete("/api/teams/" + team).token(admin.token()).send();

        List<DomainEvent> events = recorded.about(Target.TEAM, team);
        assertThat(events)
                .extracting(DomainEvent::type)
                .containsExactly(
                        "team.created", "team.updated", "team.member_added", "team.member_removed", "team.deleted");
        assertThat(events.get(1).changes()).containsExactly(FieldChange.of("description", null, "Night shift"));
        assertThat(events.get(2).changes()).containsExactly(FieldChange.of("member", null, staff));
    }

    @Test
    void rolesReportTheirPermissionsAndADeletionReachesTheirHolders() {
        long role = api.post("/api/v1/roles")
                .token(admin.token())
                .json(Map.of(
                        "organization",
                        organization,
                        "name",
                        "Auditor " + unique(),
                        "permissions",
                        List.of("staff:read")))
                .send()
                .json(201)
                .get("id")
                .asLong();
        String roleName = api.get("/api/v1/roles/" + role)
                .token(admin.token())
                .send()
                .json(200)
                .get("name")
                .asString();
        long holder = newStaff(Map.of("roles", List.of(roleName)));

        api.patch("/api/v1/roles/" + role)
                .token(admin.token())
                .json(Map.of("permissions", List.of("staff:read", "teams:read")))
                .send();
        api.delete("/api/v1/roles/" + role + "?force=true").token(admin.token()).send();

        List<DomainEvent> events = recorded.about(Target.ROLE, role);
        assertThat(events)
                .extracting(DomainEvent::type)
                .containsExactly("role.created", "role.updated", "role.deleted");
        assertThat(events.get(1).changes())
                .containsExactly(
                        FieldChange.of("permissions", List.of("staff:read"), List.of("staff:read", "teams:read")));
        DomainEvent dropped = recorded.about(Target.STAFF, holder).getLast();
        assertThat(dropped.type()).isEqualTo("staff.roles_changed");
        assertThat(dropped.actor()).isEqualTo(Actor.staff(admin.id()));
        assertThat(dropped.changes()).containsExactly(FieldChange.of("roles", List.of(roleName), List.of("member")));
    }

    @Test
    void storesReportTheirChangesAndTheirDeactivation() {
        long store = newStore();

        api.patch("/api/v1/stores/" + store)
                .token(admin.token())
                .json(Map.of("email", "shop@example.com"))
                .send();
        api.delete("/api/v1/stores/" + store).token(admin.token()).send();

        List<DomainEvent> events = recorded.about(Target.STORE, store);
        assertThat(events)
                .extracting(DomainEvent::type)
                .containsExactly("store.created", "store.updated", "store.deactivated");
        assertThat(events.get(1).changes()).containsExactly(FieldChange.of("email", null, "shop@example.com"));
    }

    @Test
    void organizationsReportTheirChangesAndTheirDeactivation() {
        long child = api.post("/api/v1/organizations")
                .token(superadminToken())
                .json(Map.of("name", "Branch " + unique(), "parent", organization))
                .send()
                .json(201)
                .get("id")
                .asLong();

        api.patch("/api/v1/organizations/" + child)
                .token(superadminToken())
                .json(Map.of("name", "Renamed branch"))
                .send();
        api.delete("/api/v1/organizations/" + child).token(superadminToken()).send();

        assertThat(recorded.about(Target.ORGANIZATION, child))
                .extracting(DomainEvent::type)
                .containsExactly("organization.created", "organization.updated", "organization.deactivated");
    }

    @Test
    void anAccountsWholeLifeIsEvents() {
        long store = newStore();
        String email = uniqueEmail("lifecycle");
        long id = newStaff(Map.of("email", email));

        String activation = TestMail.awaitLinkToken(email, 1, java.time.Duration.ofSeconds(10));
        assertThat(api.post("/api/v1/activation")
                        .json(Map.of("token", activation, "password", PASSWORD))
                        .send()
                        .status())
                .isEqualTo(200);
        assertThat(api.post("/api/v1/password-reset")
                        .json(Map.of("email", email))
                        .send()
                        .status())
                .isEqualTo(202);
        String reset = TestMail.awaitLinkToken(email, 2, java.time.Duration.ofSeconds(10));
        assertThat(api.post("/api/v1/password-reset/confirm")
                        .json(Map.of("token", reset, "password", PASSWORD + "-again"))
                        .send()
                        .status())
                .isEqualTo(204);
        String staff = "/api/v1/staffs/" + id;
        api.put(staff + "/stores/" + store).token(admin.token()).send();
        assertThat(api.delete(staff + "/stores/" + store)
                        .token(admin.token())
                        .send()
                        .status())
                .isEqualTo(204);
        assertThat(api.delete(staff).token(admin.token()).send().status()).isEqualTo(204);
        api.patch(staff)
                .token(admin.token())
                .json(Map.of("is_active", true))
                .send()
                .json(200);

        assertThat(recorded.about(Target.STAFF, id))
                .extracting(DomainEvent::type)
                .containsSubsequence(
                        "staff.created",
                        "staff.activated",
                        "staff.password_reset",
                        "staff.store_assigned",
                        "staff.store_unassigned",
                        "staff.deactivated",
                        "staff.reactivated");
    }

    @Test
    void anOrganizationDeactivatedAndReactivatedIsTwoEvents() {
        long child = api.post("/api/v1/organizations")
                .token(superadminToken())
                .json(Map.of("name", "Branch " + unique(), "parent", organization))
                .send()
                .json(201)
                .get("id")
                .asLong();

        api.delete("/api/v1/organizations/" + child).token(superadminToken()).send();
        api.patch("/api/v1/organizations/" + child)
                .token(superadminToken())
                .json(Map.of("is_active", true))
                .send()
                .json(200);

        assertThat(recorded.about(Target.ORGANIZATION, child))
                .extracting(DomainEvent::type)
                .containsExactly("organization.created", "organization.deactivated", "organization.reactivated");
    }

    @Test
    void apiKeysReportTheirCreationAndRevocationWithoutTheirSecret() {
        var created = api.post("/api/v1/api-keys")
                .token(admin.token())
                .json(Map.of("name", "Till " + unique(), "roles", List.of("member")))
                .send()
                .json(201);
        long key = created.get("id").asLong();
        String secret = created.get("key").asString();

        api.delete("/api/v1/api-keys/" + key).token(admin.token()).send();
        api.delete("/api/v1/api-keys/" + key).token(admin.token()).send();

        List<DomainEvent> events = recorded.about(Target.API_KEY, key);
        assertThat(events).extracting(DomainEvent::type).containsExactly("api_key.created", "api_key.revoked");
        assertThat(events.toString()).doesNotContain(secret);
    }

    @Test
    void aChangeMadeWithAnApiKeyNamesTheKeyAndItsCreator() {
        var created = api.post("/api/v1/api-keys")
                .token(admin.token())
                .json(Map.of("name", "Sync " + unique(), "roles", List.of("admin")))
                .send()
                .json(201);
        long staff = newStaff();

        api.patch("/api/v1/staffs/" + staff)
                .header("X-Api-Key", created.get("key").asString())
                .json(Map.of("job_title", "Baker"))
                .send();

        DomainEvent updated = recorded.about(Target.STAFF, staff).getLast();
        assertThat(updated.actor())
                .isEqualTo(new Actor(Actor.Type.API_KEY, created.get("id").asLong(), admin.id()));
    }

    private long newStore() {
        return api.post("/api/v1/stores")
                .token(admin.token())
                .json(Map.of("organization", organization, "name", "Shop " + unique()))
                .send()
                .json(201)
                .get("id")
                .asLong();
    }

    private long newStaff() {
        return newStaff(Map.of());
    }

    private long newStaff(Map<String, Object> extra) {
        var fields = new java.util.HashMap<String, Object>(Map.of(
                "organization", organization, "first_name", "Eve", "last_name", "Nt", "email", uniqueEmail("event")));
        fields.putAll(extra);
        return api.post("/api/v1/staffs")
                .token(admin.token())
                .json(fields)
                .send()
                .json(201)
                .get("id")
                .asLong();
    }
}
