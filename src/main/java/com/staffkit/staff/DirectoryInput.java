package com.staffkit.staff;

import java.util.List;
import java.util.Map;

/**
 * A change through SCIM: the REST API's fields (validated as its {@link UpdateStaffRequest}) plus the
 * identity provider's part, which the REST API's requests leave as they are.
 */
record DirectoryInput(UpdateStaffRequest base, DirectoryProfile directory) implements StaffInput {
    public String username() {
        return base.username();
    }

    public String email() {
        return base.email();
    }

    public String firstName() {
        return base.firstName();
    }

    public String lastName() {
        return base.lastName();
    }

    public String jobTitle() {
        return base.jobTitle();
    }

    public String phone() {
        return base.phone();
    }

    public String mobilePhone() {
        return base.mobilePhone();
    }

    public String timeZone() {
        return base.timeZone();
    }

    public String avatarUrl() {
        return base.avatarUrl();
    }

    public String remoteId() {
        return base.remoteId();
    }

    public Map<String, String> attributes() {
        return base.attributes();
    }

    public List<String> tags() {
        return base.tags();
    }

    public List<String> roles() {
        return base.roles();
    }

    public Boolean isActive() {
        return base.isActive();
    }

    public List<Long> retailStores() {
        return base.retailStores();
    }

    public Boolean fullStoreAccess() {
        return base.fullStoreAccess();
    }
}
