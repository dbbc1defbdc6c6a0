package com.staffkit.organization;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/** A tenant. Organizations form a tree; the database keeps each one's materialized path. */
@Entity
@Table(name = "organizations")
class Organization {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false)
    private String name;

    @Column(nullable = false)
    private String slug;

    @Column(name = "parent_id", updatable = false)
    private Long parentId;

    @Column(name = "is_active", nullable = false)
    private boolean active = true;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "modified_at", nullable = false)
    private Instant modifiedAt;

    @Version
    private long version;

    protected Organization() {}

    static Organization create(String name, String slug, Long parentId, Instant now) {
        Organization organization = new Organization();
        organization.name = name;
        organization.slug = slug;
        organization.parentId = parentId;
        organization.createdAt = now;
        organization.modifiedAt = now;
        return organization;
    }

    void rename(String name, String slug, Instant now) {
        if (!name.equals(this.name) || !slug.equals(this.slug)) {
            this.name = name;
            this.slug = slug;
            this.modifiedAt = now;
        }
    }

    /** Returns true if this call changed the state. */
    boolean setActive(boolean active, Instant now) {
        if (this.active == active) {
            return false;
        }
        this.active = active;
        this.modifiedAt = now;
        return true;
    }

    Long id() {
        return id;
    }

    String slug() {
        return slug;
    }

    boolean isActive() {
        return active;
    }
}
