package com.staffkit.staff;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The writable fields common to create and update requests. */
interface StaffInput {
    String username();

    String email();

    String firstName();

    String lastName();

    String jobTitle();

    String phone();

    String mobilePhone();

    String timeZone();

    String avatarUrl();

    String remoteId();

    Map<String, String> attributes();

    List<String> tags();

    List<String> roles();

    Boolean isActive();

    List<Long> retailStores();

    Boolean fullStoreAccess();

    /** The identity provider's part of the profile; null (the REST API's requests) keeps what is stored. */
    default @Nullable DirectoryProfile directory() {
        return null;
    }
}
