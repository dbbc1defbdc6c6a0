package com.staffkit.staff;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.hibernate.annotations.DynamicUpdate;

/**
 * A staff member: the aggregate behind {@code /api/v1/staffs}. An update writes only the columns
 * it changed, under the version it read; {@code last_login} is never written from here (see
 * {@link StaffLogins#recordLogin}), so no write puts back a column it does not own. Its profile
 * columns are {@link StaffProfileColumns}'.
 */
@Entity
@Table(name = "staff")
@DynamicUpdate
class Staff extends StaffProfileColumns {

    /** Taken fifty at a time (V39), so that many new staff members are written in batched inserts. */
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "staff_id")
    @SequenceGenerator(name = "staff_id", sequenceName = "staff_id_seq", allocationSize = 50)
    private Long id;

    @Column(name = "key", nullable = false, updatable = false)
    private UUID key;

    @Column(name = "organization_id", nullable = false, updatable = false)
    private long organizationId;

    @Column(name = "is_active", nullable = false)
    private boolean active = true;

    @Column(name = "has_activated", nullable = false)
    private boolean activated;

    @Column(name = "is_service_user", nullable = false, updatable = false)
    private boolean serviceUser;

    @Column(name = "password_hash")
    private String passwordHash;

    /** Written only by {@link StaffLogins#recordLogin}, which is outside the version on purpose. */
    @Column(name = "last_login", insertable = false, updatable = false)
    private Instant lastLogin;

    @Column(name = "date_joined", nullable = false, updatable = false)
    private Instant dateJoined;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "modified_at", nullable = false)
    private Instant modifiedAt;

    @Column(name = "current_store_id")
    private Long currentStoreId;

    @Column(name = "session_epoch", nullable = false)
    private int sessionEpoch;

    @Version
    private long version;

    /** Null when every column is: Hibernate loads an embeddable of nulls as null. */
    @Embedded
    private DirectoryProfile directory;

    /** Set when SCIM deleted the member (it is deactivated then); reactivation clears it. */
    @Column(name = "deprovisioned_at")
    private Instant deprovisionedAt;

    @ElementCollection(fetch = FetchType.LAZY)
    @CollectionTable(name = "staff_roles", joinColumns = @JoinColumn(name = "staff_id"))
    private Set<RoleAssignment> roles = new HashSet<>();

    @ElementCollection(fetch = FetchType.LAZY)
    @CollectionTable(name = "staff_stores", joinColumns = @JoinColumn(name = "staff_id"))
    private Set<StoreAssignment> stores = new HashSet<>();

    protected Staff() {}

    static Staff create(long organizationId, StaffProfile profile, Set<Long> roleIds, Instant now) {
        Staff staff = new Staff();
        staff.key = UUID.randomUUID();
        staff.organizationId = organizationId;
        staff.dateJoined = now;
        staff.createdAt = now;
        staff.active = profile.active();
        staff.applyProfile(profile, now);
        staff.replaceRoles(roleIds, now);
        return staff;
    }

    void applyProfile(StaffProfile profile, Instant now) {
        writeProfile(profile);
        this.modifiedAt = now;
    }

    void replaceRoles(Set<Long> roleIds, Instant now) {
        Set<RoleAssignment> wanted = roleIds.stream()
                .map(id -> new RoleAssignment(id, organizationId))
                .collect(Collectors.toSet());
        if (!wanted.equals(roles)) {
            roles.retainAll(wanted);
            roles.addAll(wanted);
            modifiedAt = now;
            endSessions();
        }
    }

    /** Replaces the assigned stores; a current store the staff member no longer may work at is cleared. */
    void replaceStores(Set<Long> storeIds, boolean seesAllStoresAfter, Instant now) {
        Set<StoreAssignment> wanted = storeIds.stream()
                .map(id -> new StoreAssignment(id, organizationId))
                .collect(Collectors.toSet());
        if (!wanted.equals(stores)) {
            stores.retainAll(wanted);
            stores.addAll(wanted);
            modifiedAt = now;
        }
        if (currentStoreId != null && !seesAllStoresAfter && !storeIds.contains(currentStoreId)) {
            currentStoreId = null;
        }
    }

    /** The profile as it is stored, to compare a change with. */
    StaffProfile profile() {
        return readProfile(active);
    }

    Long currentStoreId() {
        return currentStoreId;
    }

    Set<Long> storeIds() {
        return stores.stream().map(StoreAssignment::storeId).collect(Collectors.toUnmodifiableSet());
    }

    /** Sets the first password; an account with a password is activated. */
    void setInitialPassword(String hash) {
        this.passwordHash = hash;
        this.activated = true;
    }

    /** The store the staff member works at now; the caller has checked that it may work there. */
    void selectCurrentStore(Long storeId, Instant now) {
        if (!java.util.Objects.equals(currentStoreId, storeId)) {
            currentStoreId = storeId;
            modifiedAt = now;
        }
    }

    void changePassword(String hash, Instant now) {
        this.passwordHash = hash;
        this.modifiedAt = now;
        endSessions();
    }

    /** Tokens issued under an earlier epoch stop working, even ones a concurrent login is still issuing. */
    private void endSessions() {
        if (id != null) {
            sessionEpoch++;
        }
    }

    String passwordHash() {
        return passwordHash;
    }

    /** Returns true if this call changed the state. */
    boolean deactivate(Instant now) {
        if (!active) {
            return false;
        }
        active = false;
        modifiedAt = now;
        endSessions();
        return true;
    }

    boolean reactivate(Instant now) {
        if (active) {
            return false;
        }
        active = true;
        deprovisionedAt = null;
        modifiedAt = now;
        return true;
    }

    /** Deactivates and marks the member as deleted by SCIM; returns true if it was not marked yet. */
    boolean deprovision(Instant now) {
        if (deprovisionedAt != null) {
            return false;
        }
        deactivate(now);
        deprovisionedAt = now;
        modifiedAt = now;
        return true;
    }

    boolean isDeprovisioned() {
        return deprovisionedAt != null;
    }

    DirectoryProfile directory() {
        return directory == null ? DirectoryProfile.NONE : directory;
    }

    void applyDirectory(DirectoryProfile value, Instant now) {
        if (!value.equals(directory())) {
            directory = value;
            modifiedAt = now;
        }
    }

    long version() {
        return version;
    }

    void touch(Instant now) {
        this.modifiedAt = now;
    }

    boolean isActivated() {
        return activated;
    }

    Long id() {
        return id;
    }

    Instant createdAt() {
        return createdAt;
    }

    long organizationId() {
        return organizationId;
    }

    boolean isActive() {
        return active;
    }

    boolean isServiceUser() {
        return serviceUser;
    }

    Set<Long> roleIds() {
        return roles.stream().map(RoleAssignment::roleId).collect(Collectors.toUnmodifiableSet());
    }
}
