package com.staffkit.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.staffkit.auth.ProvisioningRoles;
import com.staffkit.common.security.Caller;
import com.staffkit.staff.ProvisionedStaff;
import com.staffkit.staff.StaffProvisioning;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * {@code /scim/v2/Users}: staff as SCIM Users, written through {@link StaffProvisioning} (the staff
 * rules, events with the key as actor) and read with filters run in the database.
 */
@Service
class ScimUsers {

    private final StaffProvisioning staff;
    private final ProvisioningRoles roles;

    ScimUsers(StaffProvisioning staff, ProvisioningRoles roles) {
        this.staff = staff;
        this.roles = roles;
    }

    ProvisionedStaff create(Caller caller, ObjectNode body) {
        return staff.create(caller, ScimUserResource.profile(body), roles.defaultRoleOf(caller));
    }

    ProvisionedStaff get(Caller caller, String id) {
        return staff.find(caller, ScimIds.parse(id, "User")).orElseThrow(() -> ScimIds.notFound(id, "User"));
    }

    StaffProvisioning.Page list(Caller caller, @Nullable String filter, ScimPaging paging) {
        return staff.search(caller, ScimUserResource.filter(filter), paging.offset(), paging.count());
    }

    ProvisionedStaff replace(Caller caller, String id, ObjectNode body, @Nullable Long ifMatch) {
        var profile = ScimUserResource.profile(body);
        return staff.change(caller, existing(caller, id), ifMatch, current -> profile);
    }

    ProvisionedStaff patch(Caller caller, String id, ObjectNode body, @Nullable Long ifMatch) {
        var operations = ScimUserResource.PATCH.operations(body);
        return staff.change(caller, existing(caller, id), ifMatch, current -> {
            ObjectNode user = ScimUserResource.json(current);
            // A display name never set is shown as the formatted name; a PATCH that leaves it as shown
            // must not store it, or it would stop following the name.
            JsonNode derived = current.directory().displayName() == null ? user.get("displayName") : null;
            ScimUserResource.PATCH.apply(user, operations);
            if (derived != null && derived.equals(user.get("displayName"))) {
                user.remove("displayName");
            }
            return ScimUserResource.profile(user);
        });
    }

    void delete(Caller caller, String id, @Nullable Long ifMatch) {
        staff.deprovision(caller, existing(caller, id), ifMatch);
    }

    /** The id of a User the caller can see as such: another organization's, or a deleted one, is 404. */
    private long existing(Caller caller, String id) {
        return get(caller, id).id();
    }

    static List<String> extensions() {
        return ScimUserResource.EXTENSIONS;
    }
}
