package com.staffkit.store;

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

    void change(StoreRequest request, Instant now) {
        StoreRequest.Address address = request.address() == null ? StoreRequest.Address.EMPTY : request.address();
        this.name = request.name().trim();
        this.email = blankToNull(request.email());
        this.phoneNumber = blankToNull(request.phoneNumber());
        this.remoteId = blankToNull(request.remoteId());
        this.active = request.isActive() == null || request.isActive();
        this.addressLine = blankToNull(address.line());
        this.addressPostcode = blankToNull(address.postcode());
        this.addressCity = blankToNull(address.city());
        this.addressTownship = blankToNull(address.township());
        this.addressCountry = blankToNull(address.country());
        this.modifiedAt = now;
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
