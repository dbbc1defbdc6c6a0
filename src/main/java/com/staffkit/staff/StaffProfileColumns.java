package com.staffkit.staff;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.MappedSuperclass;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.annotations.ColumnTransformer;

/**
 * The profile columns of a staff member, each set from its writable {@link StaffProfile}. Mapped
 * apart from {@link Staff}, which adds identity, state, credentials, roles and stores; the columns
 * stay the entity's own, so an update still writes only the ones that changed.
 */
@MappedSuperclass
abstract class StaffProfileColumns {

    private String username;
    private String email;

    @Column(name = "first_name", nullable = false)
    private String firstName;

    @Column(name = "last_name", nullable = false)
    private String lastName;

    @Column(name = "job_title")
    private String jobTitle;

    private String phone;

    @Column(name = "mobile_phone")
    private String mobilePhone;

    @Column(name = "time_zone")
    private String timeZone;

    @Column(name = "avatar_url")
    private String avatarUrl;

    @Column(name = "remote_id")
    private String remoteId;

    @Convert(converter = StringMapJsonConverter.class)
    @ColumnTransformer(write = "?::jsonb")
    @Column(nullable = false, columnDefinition = "jsonb")
    private Map<String, String> attributes = new LinkedHashMap<>();

    @Column(nullable = false)
    private String[] tags = new String[0];

    /** The staff member's own grant of every store; its roles may grant them too ({@code staff_sees_all_stores()}). */
    @Column(name = "full_store_access", nullable = false)
    private boolean grantedAllStores;

    /** Sets every profile column; under {@code @DynamicUpdate} only those that differ are written. */
    protected void writeProfile(StaffProfile profile) {
        this.username = profile.username();
        this.email = profile.email();
        this.firstName = profile.firstName();
        this.lastName = profile.lastName();
        this.jobTitle = profile.jobTitle();
        this.phone = profile.phone();
        this.mobilePhone = profile.mobilePhone();
        this.timeZone = profile.timeZone();
        this.avatarUrl = profile.avatarUrl();
        this.remoteId = profile.remoteId();
        this.attributes = new LinkedHashMap<>(profile.attributes());
        this.tags = profile.tags().toArray(String[]::new);
        this.grantedAllStores = profile.allStoresGranted();
    }

    protected StaffProfile readProfile(boolean active) {
        return new StaffProfile(
                username,
                email,
                firstName,
                lastName,
                jobTitle,
                phone,
                mobilePhone,
                timeZone,
                avatarUrl,
                remoteId,
                Map.copyOf(attributes),
                List.of(tags),
                grantedAllStores,
                active);
    }

    String email() {
        return email;
    }

    String username() {
        return username;
    }

    boolean grantedAllStores() {
        return grantedAllStores;
    }
}
