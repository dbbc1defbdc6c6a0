package com.staffkit.team;

import com.staffkit.common.events.Changes;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.List;

/** A named group of staff that carries responsibilities. */
@Entity
@Table(name = "teams")
class Team {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "organization_id", nullable = false, updatable = false)
    private long organizationId;

    @Column(nullable = false)
    private String name;

    private String description;

    /** The identity provider's name for the team (SCIM {@code externalId}), unique in the organization. */
    @Column(name = "external_id")
    private String externalId;

    @Column(nullable = false)
    private String[] responsibilities;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "modified_at", nullable = false)
    private Instant modifiedAt;

    @Version
    private long version;

    protected Team() {}

    static Team create(
            long organizationId, String name, String description, List<String> responsibilities, Instant now) {
        Team team = new Team();
        team.organizationId = organizationId;
        team.createdAt = now;
        team.change(name, description, responsibilities, now);
        return team;
    }

    /** Replaces the team's fields and says which of them changed, by their JSON names. */
    Changes change(String name, String description, List<String> responsibilities, Instant now) {
        Changes changes = Changes.between()
                .field("name", this.name, name)
                .field("description", this.description, description)
                .field(
                        "responsibilities",
                        this.responsibilities == null ? null : List.of(this.responsibilities),
                        responsibilities);
        this.name = name;
        this.description = description;
        this.responsibilities = responsibilities.toArray(String[]::new);
        this.modifiedAt = now;
        return changes;
    }

    /** Sets the SCIM externalId, adding the change to {@code changes}. */
    Changes changeExternalId(String value, Changes changes, Instant now) {
        changes.field("external_id", externalId, value);
        if (!java.util.Objects.equals(externalId, value)) {
            externalId = value;
            modifiedAt = now;
        }
        return changes;
    }

    /** Its membership changed: the version (the ETag SCIM clients hold) and modified_at move. */
    void touch(Instant now) {
        this.modifiedAt = now;
    }

    String description() {
        return description;
    }

    List<String> responsibilities() {
        return List.of(responsibilities);
    }

    long version() {
        return version;
    }

    String name() {
        return name;
    }

    Long id() {
        return id;
    }

    long organizationId() {
        return organizationId;
    }
}
