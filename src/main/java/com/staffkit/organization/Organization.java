package com.staffkit.organization;

import com.staffkit.common.events.Changes;
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

    /** Renames the organization and says what changed, by JSON names. */
    Changes rename(String name, String slug, Instant now) {
        Changes changes = Changes.between().field("name", this.name, name).field("slug", this.slug, slug);
        if (!changes.isEmpty()) {
            this.name = name;
            this.slug = slug;
            this.modifiedAt = now;
        }
        return changes;
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

    String name() {
        return name;
    }

    String slug() {
        return slug;
    }

    boolean isActive() {
        return active;
    }
}
