package com.staffkit.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.staffkit.common.persistence.Criterion;
import com.staffkit.team.ProvisionedTeam;
import com.staffkit.team.TeamAttribute;
import com.staffkit.team.TeamProvisioning;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A team as a SCIM Group (RFC 7643 §4.2): {@code displayName} is its name, {@code externalId} the
 * identity provider's id for it, {@code members} its staff ({@code value} a User id). What Groups
 * can be filtered on is {@link #FILTERS}.
 */
final class ScimGroupResource {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    static final ScimFilters FILTERS = new ScimFilters(
            Map.of(
                    "id", new ScimFilters.Single(TeamAttribute.ID),
                    "displayname", new ScimFilters.Single(TeamAttribute.NAME),
                    "externalid", new ScimFilters.Single(TeamAttribute.EXTERNAL_ID),
                    "meta.created", new ScimFilters.Single(TeamAttribute.CREATED_AT),
                    "meta.lastmodified", new ScimFilters.Single(TeamAttribute.MODIFIED_AT)),
            List.of(ScimSchemas.GROUP));

    static final ScimPatch PATCH = new ScimPatch(Set.of("members"), Set.of("id", "meta"), List.of());

    private ScimGroupResource() {}

    static Criterion filter(@Nullable String filter) {
        return FILTERS.parse(filter);
    }

    static ObjectNode json(ProvisionedTeam team) {
        ObjectNode group = NODES.objectNode();
        group.putArray("schemas").add(ScimSchemas.GROUP);
        group.put("id", Long.toString(team.id()));
        if (team.externalId() != null) {
            group.put("externalId", team.externalId());
        }
        group.put("displayName", team.name());
        if (team.members() != null) {
            ArrayNode members = group.putArray("members");
            for (ProvisionedTeam.Member member : team.members()) {
                members.addObject()
                        .put("value", Long.toString(member.staffId()))
                        .put("$ref", ScimDiscovery.location("/Users/" + member.staffId()))
                        .put("display", member.display())
                        .put("type", "User");
            }
        }
        group.putObject("meta")
                .put("resourceType", "Group")
                .put("created", team.createdAt().toString())
                .put("lastModified", team.modifiedAt().toString())
                .put("location", ScimDiscovery.location("/Groups/" + team.id()))
                .put("version", ScimVersions.etag(team.version()));
        return group;
    }

    /** The team a Group body describes, whole: its name, external id and every member. */
    static TeamProvisioning.Desired desired(ObjectNode group) {
        String displayName = ScimNodes.text(group, "displayName");
        if (displayName == null || displayName.isBlank()) {
            throw ScimException.invalidValue("displayName is required.");
        }
        if (displayName.trim().length() > 150) {
            throw ScimException.invalidValue("displayName is at most 150 characters.");
        }
        return new TeamProvisioning.Desired(
                displayName, ScimNodes.text(group, "externalId"), members(ScimNodes.field(group, "members")));
    }

    private static Set<Long> members(@Nullable JsonNode members) {
        Set<Long> ids = new LinkedHashSet<>();
        if (members == null || members.isNull()) {
            return ids;
        }
        if (!(members instanceof ArrayNode list)) {
            throw ScimException.invalidValue("members is an array of {\"value\": \"<user id>\"}.");
        }
        for (JsonNode member : list) {
            String value = member.isValueNode() ? member.asText() : ScimNodes.text(member, "value");
            try {
                ids.add(Long.parseLong(value == null ? "" : value.trim()));
            } catch (NumberFormatException ex) {
                throw ScimException.invalidValue("No User with id " + value + " to be a member.");
            }
        }
        return ids;
    }
}
