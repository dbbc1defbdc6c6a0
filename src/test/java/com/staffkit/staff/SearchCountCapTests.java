package com.staffkit.staff;

import static org.assertj.core.api.Assertions.assertThat;

import com.staffkit.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A partial-name search counts at most 1,000 matches (documented in docs/performance.md); other lists count exactly. */
class SearchCountCapTests extends IntegrationTest {

    @Test
    void searchCountStopsAtTheCapWhileExactFiltersCountEverything() {
        long organization = newOrganization("Many Matches");
        String surname = "Capped" + unique().replace("-", "");
        jdbc.sql("""
                        insert into staff (organization_id, first_name, last_name, email, has_activated)
                        select :organization, 'Many', :surname, 'cap-' || g || '-' || :surname || '@example.com', true
                        from generate_series(1, 1005) g""")
                .param("organization", organization)
                .param("surname", surname)
                .update();

        JsonNode search = api.get("/api/v1/staffs/?organization=" + organization + "&search=" + surname.toLowerCase()
                        + "&page_size=1000")
                .token(superadminToken())
                .send()
                .json();
        JsonNode all = api.get("/api/v1/staffs/?organization=" + organization + "&page_size=1")
                .token(superadminToken())
                .send()
                .json();

        assertThat(search.get("count").asLong()).isEqualTo(StaffQueries.SEARCH_COUNT_CAP);
        assertThat(search.get("results").size()).isEqualTo(1000);
        assertThat(search.get("next").isNull()).isTrue();
        assertThat(all.get("count").asLong()).isEqualTo(1006);
    }
}
