package com.staffkit.role;

import com.staffkit.common.events.Changes;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;

/** A named set of permissions; built-in ones belong to no organization and never change. */
@Entity
@Table(name = "roles")
class Role {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "organization_id", updatable = false)
    private Long organizationId;

    @Column(nullable = false)
    private String name;

    @Column(nullable = false)
    private String description;

    @Column(nullable = false)
    private String[] permissions;

    @Column(name = "is_built_in", nullable = false, updatable = false)
    private boolean builtIn;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "modified_at", nullable = false)
    private Instant modifiedAt;

    @Version
    private long version;

    protected Role() {}

    static Role custom(long organizationId, String name, String description, Set<String> permissions, Instant now) {
        Role role = new Role();
        role.organizationId = organizationId;
        role.createdAt = now;
        role.change(name, description, permissions, now);
        return role;
    }

    /** Replaces the role's fields and says which of them changed, by their JSON names. */
    Changes change(String name, String description, Set<String> permissions, Instant now) {
        Changes changes = Changes.between()
                .field("name", this.name, name)
                .field("description", this.description, description)
                .set("permissions", this.permissions == null ? Set.of() : Set.of(this.permissions), permissions);
        this.name = name;
        this.description = description;
        this.permissions = new TreeSet<>(permissions).toArray(String[]::new);
        this.modifiedAt = now;
        return changes;
    }

    Long id() {
        return id;
    }

    Long organizationId() {
        return organizationId;
    }

    boolean isBuiltIn() {
        return builtIn;
    }

    Set<String> permissions() {
        return Set.of(permissions);
    }

    String name() {
        return name;
    }
}
