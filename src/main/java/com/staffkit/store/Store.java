package com.staffkit.store;

import com.staffkit.common.events.Changes;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/** A retail store (a site) of an organization. */
@Entity
@Table(name = "stores")
class Store {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "organization_id", nullable = false, updatable = false)
    private long organizationId;

    @Column(nullable = false)
    private String name;

    private String email;

    @Column(name = "phone_number")
    private String phoneNumber;

    @Column(name = "remote_id")
    private String remoteId;

    @Column(name = "is_active", nullable = false)
    private boolean active = true;

    @Column(name = "address_line")
    private String addressLine;

    @Column(name = "address_postcode")
    private String addressPostcode;

    @Column(name = "address_city")
    private String addressCity;

    @Column(name = "address_township")
    private String addressTownship;

    @Column(name = "address_country")
    private String addressCountry;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "modified_at", nullable = false)
    private Instant modifiedAt;

    @Version
    private long version;

    protected Store() {}

    static Store create(long organizationId, StoreRequest request, Instant now) {
        Store store = new Store();
        store.organizationId = organizationId;
        store.createdAt = now;
        store.change(request, now);
        return store;
    }

    /** Replaces the store's fields and says which of them changed, by their JSON names. */
    Changes change(StoreRequest request, Instant now) {
        StoreRequest.Address address = request.address() == null ? StoreRequest.Address.EMPTY : request.address();
        String name = request.name().trim();
        String email = blankToNull(request.email());
        String phoneNumber = blankToNull(request.phoneNumber());
        String remoteId = blankToNull(request.remoteId());
        boolean active = request.isActive() == null || request.isActive();
        String line = blankToNull(address.line());
        String postcode = blankToNull(address.postcode());
        String city = blankToNull(address.city());
        String township = blankToNull(address.township());
        String country = blankToNull(address.country());
        Changes changes = Changes.between()
                .field("name", this.name, name)
                .field("email", this.email, email)
                .field("phone_number", this.phoneNumber, phoneNumber)
                .field("remote_id", this.remoteId, remoteId)
                .field("is_active", this.active, active)
                .field("address.line", addressLine, line)
                .field("address.postcode", addressPostcode, postcode)
                .field("address.city", addressCity, city)
                .field("address.township", addressTownship, township)
                .field("address.country", addressCountry, country);
        this.name = name;
        this.email = email;
        this.phoneNumber = phoneNumber;
        this.remoteId = remoteId;
        this.active = active;
        this.addressLine = line;
        this.addressPostcode = postcode;
        this.addressCity = city;
        this.addressTownship = township;
        this.addressCountry = country;
        this.modifiedAt = now;
        return changes;
    }

    boolean deactivate(Instant now) {
        if (!active) {
            return false;
        }
        active = false;
        modifiedAt = now;
        return true;
    }

    Long id() {
        return id;
    }

    String name() {
        return name;
    }

    boolean isActive() {
        return active;
    }

    long organizationId() {
        return organizationId;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
