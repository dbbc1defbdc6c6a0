package com.staffkit.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.staffkit.support.IntegrationTest;
import com.staffkit.support.SqlStatementCounter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Staff read by id from memory, as in production: a warm read costs no statement, whoever may see
 * the row is decided on every read, and a change shows on the next read, whether made through this
 * instance or announced by another.
 */
class StaffRowCacheTests extends IntegrationTest {

    private String path(long id) {
        return "/api/v1/staffs/" + id + "/";
    }

    private long createStore(String token) {
        return createStore(token, "Cached rows store " + unique());
    }

    /** A new staff member of the organization in one store, by id. */
    private long staffInStore(long organization, long store, String emailPrefix) {
        return createStaff(Map.of(
                        "organization",
                        organization,
                        "first_name",
                        "Cached",
                        "last_name",
                        "Row",
                        "email",
                        uniqueEmail(emailPrefix),
                        "retail_stores",
                        List.of(store)))
                .get("id")
                .asLong();
    }

    @Test
    void aWarmReadCostsNoStatement() {
        Member admin = member(newOrganization("Rows warm"), "admin");
        Member colleague = member(jdbcOrganizationOf(admin), "member");
        assertThat(api.get(path(colleague.id())).token(admin.token()).send().status())
                .isEqualTo(200);

        SqlStatementCounter.start();
        var response = api.get(path(colleague.id())).token(admin.token()).send();
        List<String> statements = SqlStatementCounter.stop();

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("email").asString()).isEqualTo(colleague.email());
        assertThat(statements).isEmpty();
    }

    @Test
    void anotherTenantGets404EvenForACachedRow() {
        Member owner = member(newOrganization("Rows tenant A"), "admin");
        Member stranger = member(newOrganization("Rows tenant B"), "admin");
        assertThat(api.get(path(owner.id())).token(owner.token()).send().status())
                .isEqualTo(200);

        assertThat(api.get(path(owner.id())).token(stranger.token()).send().status())
                .isEqualTo(404);
    }

    @Test
    void aStoreScopedManagerSeesOnlyItsStoresStaffAndItselfFromMemoryToo() {
        long organization = newOrganization("Rows scoped");
        Member admin = member(organization, "admin");
        long store = createStore(admin.token());
        long otherStore = createStore(admin.token());
        long inStore = staffInStore(organization, store, "in-store");
        long elsewhere = staffInStore(organization, otherStore, "other-store");
        Member manager = storeScopedManager(organization, List.of(store));
        // Every row warm, read by one who sees them all.
        for (long id : List.of(inStore, elsewhere, manager.id())) {
            assertThat(api.get(path(id)).token(admin.token()).send().status()).isEqualTo(200);
        }

        assertThat(api.get(path(inStore)).token(manager.token()).send().status())
                .isEqualTo(200);
        assertThat(api.get(path(elsewhere)).token(manager.token()).send().status())
                .isEqualTo(404);
        assertThat(api.get(path(manager.id())).token(manager.token()).send().status())
                .isEqualTo(200);
    }

    @Test
    void aChangeThroughThisInstanceShowsOnTheNextRead() {
        Member admin = member(newOrganization("Rows changed"), "admin");
        Member colleague = member(jdbcOrganizationOf(admin), "member");
        assertThat(api.get(path(colleague.id())).token(admin.token()).send().status())
                .isEqualTo(200);

        assertThat(api.patch(path(colleague.id()))
                        .token(admin.token())
                        .json(Map.of("job_title", "Head of cached rows"))
                        .send()
                        .status())
                .isEqualTo(200);

        assertThat(api.get(path(colleague.id()))
                        .token(admin.token())
                        .send()
                        .json()
                        .get("job_title")
                        .asString())
                .isEqualTo("Head of cached rows");
    }

    @Test
    void aStoreRenamedShowsOnTheRowsThatListIt() {
        long organization = newOrganization("Rows store renamed");
        Member admin = member(organization, "admin");
        long store = createStore(admin.token());
        long staff = staffInStore(organization, store, "listed");
        assertThat(api.get(path(staff)).token(admin.token()).send().status()).isEqualTo(200);

        assertThat(api.patch("/api/v1/stores/" + store)
                        .token(admin.token())
                        .json(Map.of("name", "Renamed store"))
                        .send()
                        .status())
                .isEqualTo(200);

        assertThat(api.get(path(staff))
                        .token(admin.token())
                        .send()
                        .json()
                        .get("retail_stores")
                        .get(0)
                        .get("name")
                        .asString())
                .isEqualTo("Renamed store");
    }

    @Test
    void aPagesRowsComeFromMemoryAndFollowChangesMadeHereOrAnnouncedElsewhere() {
        long organization = newOrganization("Rows paged");
        Member admin = member(organization, "admin");
        long store = createStore(admin.token());
        long staff = staffInStore(organization, store, "paged");
        String page = "/api/v1/staffs/?store=" + store;
        changesHeard.awaitAllSoFar();
        assertThat(jobTitleOnPage(page, admin)).isNull();

        // A change nobody announces stays unseen: the page's row really comes from memory.
        jdbc.sql("update staff set job_title = 'Unannounced' where id = :id")
                .param("id", staff)
                .update();
        assertThat(jobTitleOnPage(page, admin)).as("unannounced").isNull();

        jdbc.sql("select pg_notify('staffkit_changes', :payload)")
                .param("payload", "staff.updated staff " + staff + " " + organization)
                .query((rs, row) -> row)
                .list();
        await().atMost(Duration.ofSeconds(1))
                .pollInterval(Duration.ofMillis(5))
                .until(() -> "Unannounced".equals(jobTitleOnPage(page, admin)));

        assertThat(api.patch(path(staff))
                        .token(admin.token())
                        .json(Map.of("job_title", "Changed here"))
                        .send()
                        .status())
                .isEqualTo(200);
        assertThat(jobTitleOnPage(page, admin)).isEqualTo("Changed here");
    }

    /** The job title of the one staff member on this page (null when it has none). */
    private String jobTitleOnPage(String page, Member reader) {
        var body = api.get(page).token(reader.token()).send().json();
        assertThat(body.get("count").asLong()).isEqualTo(1);
        var title = body.get("results").get(0).get("job_title");
        return title.isNull() ? null : title.asString();
    }

    @Test
    void aChangeAnnouncedByAnotherInstanceShowsOnceItsNotificationArrives() {
        long organization = newOrganization("Rows elsewhere");
        Member admin = member(organization, "admin");
        Member colleague = member(organization, "member");
        changesHeard.awaitAllSoFar();
        assertThat(api.get(path(colleague.id())).token(admin.token()).send().status())
                .isEqualTo(200);

        // A change nobody announces stays unseen: the row really comes from memory.
        jdbc.sql("update staff set job_title = 'Changed elsewhere' where id = :id")
                .param("id", colleague.id())
                .update();
        assertThat(api.get(path(colleague.id()))
                        .token(admin.token())
                        .send()
                        .json()
                        .get("job_title")
                        .isNull())
                .as("unannounced")
                .isTrue();

        // What another instance's update sends as it commits.
        jdbc.sql("select pg_notify('staffkit_changes', :payload)")
                .param("payload", "staff.updated staff " + colleague.id() + " " + organization)
                .query((rs, row) -> row)
                .list();

        await().atMost(Duration.ofSeconds(1))
                .pollInterval(Duration.ofMillis(5))
                .until(() -> "Changed elsewhere"
                        .equals(api.get(path(colleague.id()))
                                .token(admin.token())
                                .send()
                                .json()
                                .get("job_title")
                                .asString()));
    }

    @Test
    void aWarmLookupCostsNoStatementAndFollowsAnEmailChange() {
        long organization = newOrganization("Lookups warm");
        Member admin = member(organization, "admin");
        Member colleague = member(organization, "member");
        String byOldEmail = "/api/v1/staffs/lookup?email=" + colleague.email();
        assertThat(api.get(byOldEmail).token(admin.token()).send().status()).isEqualTo(200);

        SqlStatementCounter.start();
        var warm = api.get(byOldEmail).token(admin.token()).send();
        List<String> statements = SqlStatementCounter.stop();
        assertThat(warm.status()).isEqualTo(200);
        assertThat(warm.json().get("id").asLong()).isEqualTo(colleague.id());
        assertThat(statements).isEmpty();

        String newEmail = uniqueEmail("moved");
        assertThat(api.patch(path(colleague.id()))
                        .token(admin.token())
                        .json(Map.of("email", newEmail))
                        .send()
                        .status())
                .isEqualTo(200);

        assertThat(api.get(byOldEmail).token(admin.token()).send().status()).isEqualTo(404);
        assertThat(api.get("/api/v1/staffs/lookup?email=" + newEmail)
                        .token(admin.token())
                        .send()
                        .json()
                        .get("id")
                        .asLong())
                .isEqualTo(colleague.id());
    }

    @Test
    void aLookupSeesOnlyTheCallersMatchesAndFindsStaffCreatedAfterIt() {
        long organization = newOrganization("Lookups tenant A");
        long other = newOrganization("Lookups tenant B");
        Member admin = member(organization, "admin");
        Member stranger = member(other, "admin");
        String remoteId = "R-" + unique();
        long mine = createStaff(Map.of(
                        "organization",
                        organization,
                        "first_name",
                        "Remote",
                        "last_name",
                        "Mine",
                        "email",
                        uniqueEmail("remote-mine"),
                        "remote_id",
                        remoteId))
                .get("id")
                .asLong();
        createStaff(Map.of(
                "organization",
                other,
                "first_name",
                "Remote",
                "last_name",
                "Theirs",
                "email",
                uniqueEmail("remote-theirs"),
                "remote_id",
                remoteId));
        String byRemoteId = "/api/v1/staffs/lookup?remote_id=" + remoteId;
        assertThat(api.get(byRemoteId).token(stranger.token()).send().status()).isEqualTo(200);

        var found = api.get(byRemoteId).token(admin.token()).send();
        assertThat(found.status()).isEqualTo(200);
        assertThat(found.json().get("id").asLong()).isEqualTo(mine);

        // A lookup that found nothing finds the staff member created after it.
        String later = "R-" + unique();
        String byLater = "/api/v1/staffs/lookup?remote_id=" + later;
        assertThat(api.get(byLater).token(admin.token()).send().status()).isEqualTo(404);
        long created = createStaff(Map.of(
                        "organization",
                        organization,
                        "first_name",
                        "Remote",
                        "last_name",
                        "Later",
                        "email",
                        uniqueEmail("remote-later"),
                        "remote_id",
                        later))
                .get("id")
                .asLong();
        assertThat(api.get(byLater).token(admin.token()).send().json().get("id").asLong())
                .isEqualTo(created);
    }

    private long jdbcOrganizationOf(Member member) {
        return jdbc.sql("select organization_id from staff where id = :id")
                .param("id", member.id())
                .query(Long.class)
                .single();
    }
}
