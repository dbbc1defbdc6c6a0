package com.staffkit.staff;

import com.staffkit.common.error.ConflictException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Which of many staff members would take an email, username or remote_id already held by another:
 * asked in two statements for a whole batch before it is written, so that one item's conflict is
 * that item's 409 (as a single write's constraint would make it) instead of the failure of the
 * batch. Within the batch the earlier item keeps the value. The constraints stay the last word.
 */
@Component
class StaffUniqueness {

    /** The unique values one staff member would hold; {@code staffId} null for a new one. */
    record Claim(@Nullable Long staffId, long organizationId, StaffProfile profile) {}

    private final JdbcClient jdbc;

    StaffUniqueness(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** For each claim, by position, the field it cannot take (email, username or remote_id) or null. */
    List<@Nullable String> conflicts(List<Claim> claims) {
        Map<String, Long> identifiers = heldIdentifiers(claims);
        Map<OrganizationValue, Long> remoteIds = heldRemoteIds(claims);
        Map<String, Object> claimedHere = new HashMap<>();
        Map<OrganizationValue, Object> remoteIdsHere = new HashMap<>();
        return claims.stream()
                .map(claim -> {
                    Object owner = claim.staffId() == null ? claim : claim.staffId();
                    String email = lower(claim.profile().email());
                    String username = lower(claim.profile().username());
                    OrganizationValue remoteId = claim.profile().remoteId() == null
                            ? null
                            : new OrganizationValue(
                                    claim.organizationId(), claim.profile().remoteId());
                    String field = taken(email, owner, identifiers, claimedHere)
                            ? "email"
                            : taken(username, owner, identifiers, claimedHere)
                                    ? "username"
                                    : taken(remoteId, owner, remoteIds, remoteIdsHere) ? "remote_id" : null;
                    if (field == null) {
                        Stream.of(email, username).filter(Objects::nonNull).forEach(v -> claimedHere.put(v, owner));
                        if (remoteId != null) {
                            remoteIdsHere.put(remoteId, owner);
                        }
                    }
                    return field;
                })
                .toList();
    }

    /** For each new staff member not yet written, by position, the field it cannot take or null. */
    List<@Nullable String> conflictsOfNew(List<Staff> staff) {
        return conflicts(staff.stream()
                .map(member -> new Claim(null, member.organizationId(), member.profile()))
                .toList());
    }

    /** Refuses one staff member's claim (409 naming the field) before it is written. */
    void require(Claim claim) {
        String field = conflicts(List.of(claim)).getFirst();
        if (field != null) {
            throw ConflictException.alreadyInUse(field);
        }
    }

    private static <K> boolean taken(@Nullable K value, Object owner, Map<K, Long> held, Map<K, Object> claimedHere) {
        if (value == null) {
            return false;
        }
        Long holder = held.get(value);
        boolean heldByAnother = holder != null && !holder.equals(owner);
        Object earlier = claimedHere.get(value);
        return heldByAnother || (earlier != null && !earlier.equals(owner));
    }

    private Map<String, Long> heldIdentifiers(List<Claim> claims) {
        Set<String> wanted = new HashSet<>();
        claims.forEach(
                claim -> Stream.of(claim.profile().email(), claim.profile().username())
                        .map(StaffUniqueness::lower)
                        .filter(Objects::nonNull)
                        .forEach(wanted::add));
        Map<String, Long> held = new HashMap<>();
        if (!wanted.isEmpty()) {
            jdbc.sql("select identifier, staff_id from login_identifiers where identifier = any(:wanted)")
                    .param("wanted", wanted.toArray(String[]::new))
                    .query(rs -> {
                        held.put(rs.getString("identifier"), rs.getLong("staff_id"));
                    });
        }
        return held;
    }

    private Map<OrganizationValue, Long> heldRemoteIds(List<Claim> claims) {
        Set<Long> organizations = new HashSet<>();
        Set<String> remoteIds = new HashSet<>();
        claims.stream().filter(claim -> claim.profile().remoteId() != null).forEach(claim -> {
            organizations.add(claim.organizationId());
            remoteIds.add(claim.profile().remoteId());
        });
        Map<OrganizationValue, Long> held = new HashMap<>();
        if (!remoteIds.isEmpty()) {
            jdbc.sql("""
                            select id, organization_id, remote_id from staff
                            where organization_id = any(:organizations) and remote_id = any(:remoteIds)
                            """)
                    .param("organizations", organizations.toArray(Long[]::new))
                    .param("remoteIds", remoteIds.toArray(String[]::new))
                    .query(rs -> {
                        held.put(
                                new OrganizationValue(rs.getLong("organization_id"), rs.getString("remote_id")),
                                rs.getLong("id"));
                    });
        }
        return held;
    }

    private static @Nullable String lower(@Nullable String value) {
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }

    private record OrganizationValue(long organizationId, String value) {}
}
