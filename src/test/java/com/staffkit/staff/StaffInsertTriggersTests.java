package com.staffkit.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.staffkit.support.IntegrationTest;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;

/**
 * The statement-level insert triggers on {@code staff} (V41): every row of a multi-row insert claims
 * its login identifiers and enters the search chunks, and an identifier taken by another staff
 * member, or claimed twice within the statement, fails the whole insert with the constraint named
 * for its kind, as the row triggers did.
 */
class StaffInsertTriggersTests extends IntegrationTest {

    private static final String INSERT = """
            insert into staff (organization_id, first_name, last_name, email, username)
            select :organization, 'Trigger', 'Row' || n, e, u
            from unnest(cast(:emails as text[]), cast(:usernames as text[])) with ordinality as t(e, u, n)""";

    private int insert(long organization, List<String> emails, List<String> usernames) {
        return jdbc.sql(INSERT)
                .param("organization", organization)
                .param("emails", emails.toArray(String[]::new))
                .param("usernames", usernames.toArray(String[]::new))
                .update();
    }

    private List<String> identifiersOf(String lastNamePrefix, long organization) {
        return jdbc.sql("""
                        select li.kind || ':' || li.identifier from login_identifiers li
                        join staff s on s.id = li.staff_id
                        where s.organization_id = :organization and s.last_name like :prefix
                        order by 1""")
                .param("organization", organization)
                .param("prefix", lastNamePrefix + "%")
                .query(String.class)
                .list();
    }

    private long searchRows(long organization) {
        return jdbc.sql("""
                        select count(*) from staff_search ss join staff s on s.id = ss.id
                        where ss.organization_id = :organization and s.first_name = 'Trigger'""")
                .param("organization", organization)
                .query(Long.class)
                .single();
    }

    @Test
    void everyRowOfOneInsertClaimsItsIdentifiersAndIsSearchable() {
        long organization = newOrganization("Triggers many");
        String a = uniqueEmail("trigger-a");
        String b = uniqueEmail("trigger-b");
        String username = "trig-" + unique();

        assertThat(insert(organization, List.of(a.toUpperCase(), b), Arrays.asList(null, username)))
                .isEqualTo(2);

        assertThat(identifiersOf("Row", organization))
                .containsExactlyInAnyOrder(
                        "email:" + a.toLowerCase(), "email:" + b.toLowerCase(), "username:" + username);
        assertThat(searchRows(organization)).isEqualTo(2);
    }

    @Test
    void aUsernameThatIsItsOwnEmailIsOneStaffMembersTwoClaims() {
        long organization = newOrganization("Triggers own email");
        String email = uniqueEmail("trigger-own");

        insert(organization, List.of(email), List.of(email));

        assertThat(identifiersOf("Row", organization))
                .containsExactlyInAnyOrder("email:" + email.toLowerCase(), "username:" + email.toLowerCase());
    }

    @Test
    void anIdentifierClaimedTwiceInOneInsertFailsItWhole() {
        long organization = newOrganization("Triggers twice");
        String email = uniqueEmail("trigger-twice");

        assertThatThrownBy(() -> insert(
                        organization,
                        List.of(email, uniqueEmail("other"), email.toUpperCase()),
                        List.of("x" + unique(), "y" + unique(), "z" + unique())))
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("uk_login_identifiers_email");

        assertThat(searchRows(organization)).isZero();
        assertThat(identifiersOf("Row", organization)).isEmpty();
    }

    @Test
    void anIdentifierHeldByAnotherStaffMemberFailsTheInsertNamingTheClaimingKind() {
        long organization = newOrganization("Triggers taken");
        String held = uniqueEmail("trigger-held");
        insert(organization, List.of(held), Arrays.asList((String) null));

        assertThatThrownBy(() -> insert(organization, List.of(uniqueEmail("fresh")), List.of(held.toUpperCase())))
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("uk_login_identifiers_username");
        assertThatThrownBy(() -> insert(organization, List.of(held), List.of("u" + unique())))
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("uk_login_identifiers_email");
        assertThat(searchRows(organization)).isEqualTo(1);
    }

    @Test
    void anEmailChangeStillMovesItsClaim() {
        long organization = newOrganization("Triggers update");
        String before = uniqueEmail("trigger-before");
        String after = uniqueEmail("trigger-after");
        insert(organization, List.of(before), Arrays.asList((String) null));

        jdbc.sql("update staff set email = :after where organization_id = :organization and first_name = 'Trigger'")
                .param("after", after)
                .param("organization", organization)
                .update();

        assertThat(identifiersOf("Row", organization)).containsExactly("email:" + after.toLowerCase());
    }
}
