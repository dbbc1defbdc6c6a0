package com.staffkit.staff;

import com.staffkit.common.events.Changes;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import org.jspecify.annotations.Nullable;

/**
 * What an identity provider keeps of a staff member beside its profile: the display name and the
 * attributes of SCIM's enterprise User extension (RFC 7643 §4.3), kept and returned as given. The
 * REST API neither shows nor changes them; a change through SCIM is in the audit trail like any
 * other. {@code managerId} is the manager's id as the identity provider sent it.
 */
@Embeddable
public record DirectoryProfile(
        @Column(name = "display_name") @Nullable String displayName,
        @Column(name = "employee_number") @Nullable String employeeNumber,
        @Column(name = "cost_center") @Nullable String costCenter,
        @Column(name = "enterprise_organization") @Nullable String organization,
        @Column(name = "division") @Nullable String division,
        @Column(name = "department") @Nullable String department,
        @Column(name = "manager_id") @Nullable String managerId) {

    public static final DirectoryProfile NONE = new DirectoryProfile(null, null, null, null, null, null, null);

    /** Blank values as none, the rest trimmed. */
    public DirectoryProfile normalized() {
        return new DirectoryProfile(
                blankToNull(displayName),
                blankToNull(employeeNumber),
                blankToNull(costCenter),
                blankToNull(organization),
                blankToNull(division),
                blankToNull(department),
                blankToNull(managerId));
    }

    /** Adds the fields that differ from {@code after} to {@code changes}, by the names the audit trail shows. */
    Changes addChangesTo(DirectoryProfile after, Changes changes) {
        return changes.field("display_name", displayName, after.displayName)
                .field("employee_number", employeeNumber, after.employeeNumber)
                .field("cost_center", costCenter, after.costCenter)
                .field("enterprise_organization", organization, after.organization)
                .field("division", division, after.division)
                .field("department", department, after.department)
                .field("manager_id", managerId, after.managerId);
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
