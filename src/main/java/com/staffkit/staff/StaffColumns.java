package com.staffkit.staff;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a staff read selects and how a row becomes a {@link StaffRow}: the staff columns with its
 * roles, stores, current store and teams as correlated sub-selects, so one statement reads a page
 * whatever its size. Which rows are read is {@link StaffQueries}' business.
 */
final class StaffColumns {

    /** The select list over {@code staff s}; whether it sees all stores is {@code staff_sees_all_stores()} (V23, V25). */
    static final String SELECT_LIST = """
            select s.id, s.key, s.organization_id, s.username, s.email, s.first_name, s.last_name, s.job_title,
                   s.phone, s.mobile_phone, s.time_zone, s.avatar_url, s.remote_id, s.attributes::text as attributes,
                   s.tags, s.is_active, s.has_activated, s.last_login, s.date_joined, s.created_at, s.modified_at,
                   (select a.sees_all_stores from staff_sees_all_stores(s.full_store_access, s.id) a) as sees_all_stores,
                   (select json_agg(json_build_object('id', st.id, 'name', st.name, 'remote_id', st.remote_id,
                                                      'is_active', st.is_active) order by st.id)
                    from staff_stores ss join stores st on st.id = ss.store_id
                    where ss.staff_id = s.id)::text as retail_stores,
                   (select json_build_object('id', cs.id, 'name', cs.name, 'remote_id', cs.remote_id,
                                             'is_active', cs.is_active)
                    from stores cs where cs.id = s.current_store_id)::text as current_store,
                   array(select r.name from staff_roles sr join roles r on r.id = sr.role_id
                         where sr.staff_id = s.id order by r.name) as roles,
                   (select json_agg(json_build_object('id', t.id, 'name', t.name) order by t.name, t.id)
                    from team_members tm join teams t on t.id = tm.team_id
                    where tm.staff_id = s.id)::text as teams
            """;

    private static final JsonMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .build();

    // Readers bound to their types once: readValue(String, Class) looks the deserializer up again
    // for each of a page's rows.
    private static final ObjectReader STORES = JSON.readerFor(StaffResponse.StoreSummary[].class);
    private static final ObjectReader STORE = JSON.readerFor(StaffResponse.StoreSummary.class);
    private static final ObjectReader TEAMS = JSON.readerFor(StaffResponse.TeamSummary[].class);

    private StaffColumns() {}

    static StaffRow row(ResultSet rs, int rowNum) throws SQLException {
        List<String> roles = List.of((String[]) rs.getArray("roles").getArray());
        return new StaffRow(
                rs.getLong("id"),
                rs.getObject("key", UUID.class),
                rs.getLong("organization_id"),
                rs.getString("username"),
                rs.getString("email"),
                rs.getString("first_name"),
                rs.getString("last_name"),
                rs.getString("job_title"),
                rs.getString("phone"),
                rs.getString("mobile_phone"),
                rs.getString("time_zone"),
                rs.getString("avatar_url"),
                rs.getString("remote_id"),
                StringMapJsonConverter.parse(rs.getString("attributes")),
                List.of((String[]) rs.getArray("tags").getArray()),
                roles,
                teams(rs.getString("teams")),
                stores(rs.getString("retail_stores")),
                currentStore(rs.getString("current_store")),
                rs.getBoolean("is_active"),
                rs.getBoolean("has_activated"),
                rs.getBoolean("sees_all_stores"),
                instant(rs.getTimestamp("last_login")),
                instant(rs.getTimestamp("date_joined")),
                instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("modified_at")));
    }

    private static List<StaffResponse.TeamSummary> teams(String json) {
        return json == null ? List.of() : List.of(TEAMS.<StaffResponse.TeamSummary[]>readValue(json));
    }

    private static List<StaffResponse.StoreSummary> stores(String json) {
        return json == null ? List.of() : List.of(STORES.<StaffResponse.StoreSummary[]>readValue(json));
    }

    private static StaffResponse.StoreSummary currentStore(String json) {
        return json == null ? null : STORE.readValue(json);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
