package com.staffkit.scim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.staffkit.common.security.Caller;
import com.staffkit.team.ProvisionedTeam;
import com.staffkit.team.TeamProvisioning;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/** {@code /scim/v2/Groups}: teams as SCIM Groups, written through {@link TeamProvisioning}. */
@Service
class ScimGroups {

    private final TeamProvisioning teams;

    ScimGroups(TeamProvisioning teams) {
        this.teams = teams;
    }

    ProvisionedTeam create(Caller caller, ObjectNode body) {
        return teams.create(caller, ScimGroupResource.desired(body));
    }

    ProvisionedTeam get(Caller caller, String id, boolean withMembers) {
        return teams.find(caller, ScimIds.parse(id, "Group"), withMembers)
                .orElseThrow(() -> ScimIds.notFound(id, "Group"));
    }

    TeamProvisioning.Page list(Caller caller, @Nullable String filter, ScimPaging paging, boolean withMembers) {
        return teams.search(caller, ScimGroupResource.filter(filter), paging.offset(), paging.count(), withMembers);
    }

    ProvisionedTeam replace(Caller caller, String id, ObjectNode body, @Nullable Long ifMatch) {
        TeamProvisioning.Desired desired = ScimGroupResource.desired(body);
        return teams.change(caller, ScimIds.parse(id, "Group"), ifMatch, current -> desired);
    }

    ProvisionedTeam patch(Caller caller, String id, ObjectNode body, @Nullable Long ifMatch) {
        var operations = ScimGroupResource.PATCH.operations(body);
        return teams.change(caller, ScimIds.parse(id, "Group"), ifMatch, current -> {
            ObjectNode group = ScimGroupResource.json(current);
            ScimGroupResource.PATCH.apply(group, operations);
            return ScimGroupResource.desired(group);
        });
    }

    void delete(Caller caller, String id, @Nullable Long ifMatch) {
        teams.delete(caller, ScimIds.parse(id, "Group"), ifMatch);
    }
}
