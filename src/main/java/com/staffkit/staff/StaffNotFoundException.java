package com.staffkit.staff;

import com.staffkit.common.error.NotFoundException;

class StaffNotFoundException extends NotFoundException {

    private StaffNotFoundException(String detail) {
        super(detail);
    }

    static StaffNotFoundException forId(long id) {
        return new StaffNotFoundException("No staff member with id " + id + ".");
    }

    static StaffNotFoundException forLookup() {
        return new StaffNotFoundException("No staff member matches the lookup.");
    }

    static StaffNotFoundException serviceUser() {
        return new StaffNotFoundException("The organization has no service user.");
    }
}
