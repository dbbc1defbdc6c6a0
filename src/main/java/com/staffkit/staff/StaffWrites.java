package com.staffkit.staff;

import com.staffkit.common.error.ConflictException;
import com.staffkit.common.error.DataIntegrityViolations;
import java.util.List;
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
            throw conflict(ex);
        }
    }

    /** Many new staff members in one flush (a bulk request's, checked by {@link StaffUniqueness} first). */
    List<Staff> saveAll(List<Staff> staff) {
        try {
            List<Staff> saved = repository.saveAll(staff);
            repository.flush();
            return saved;
        } catch (DataIntegrityViolationException ex) {
            throw conflict(ex);
        }
    }

    private static RuntimeException conflict(DataIntegrityViolationException ex) {
        return DataIntegrityViolations.constraintName(ex)
                .map(UNIQUE_FIELDS::get)
                .<RuntimeException>map(ConflictException::alreadyInUse)
                .orElse(ex);
    }
}
