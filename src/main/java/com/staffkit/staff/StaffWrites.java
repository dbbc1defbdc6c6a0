package com.staffkit.staff;

import com.staffkit.common.error.ConflictException;
import com.staffkit.common.error.DataIntegrityViolations;
import java.util.Map;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;

/** Writes a staff member now, so that a login, email or remote id already in use is a 409 naming its field. */
@Component
class StaffWrites {

    private static final Map<String, String> UNIQUE_FIELDS = Map.of(
            "uk_login_identifiers_email", "email",
            "uk_login_identifiers_username", "username",
            "uk_staff_organization_remote_id", "remote_id");

    private final StaffRepository repository;

    StaffWrites(StaffRepository repository) {
        this.repository = repository;
    }

    Staff save(Staff staff) {
        try {
            return repository.saveAndFlush(staff);
        } catch (DataIntegrityViolationException ex) {
            String field = DataIntegrityViolations.constraintName(ex)
                    .map(UNIQUE_FIELDS::get)
                    .orElseThrow(() -> ex);
            throw ConflictException.alreadyInUse(field);
        }
    }
}
