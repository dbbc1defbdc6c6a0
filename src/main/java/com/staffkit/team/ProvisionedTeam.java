package com.staffkit.team;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A team as an identity provider sees it (a SCIM Group): its name, external id, members (unless
 * the read left them out) and the version its ETag names, which every change and membership
 * change moves.
 */
public record ProvisionedTeam(
        long id,
        String name,
        @Nullable String externalId,
        @Nullable List<Member> members,
        Instant createdAt,
        Instant modifiedAt,
        long version) {

    /** A member with the name a client shows for it. */
    public record Member(long staffId, String display) {}
}
