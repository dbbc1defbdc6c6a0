package com.staffkit.role;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.security.access.prepost.PreAuthorize;

/**
 * The permission an endpoint needs, as an annotation per permission of the {@link Permissions}
 * catalogue: {@code @Requires.StaffRead} instead of {@code @PreAuthorize("hasAuthority('staff:read')")}.
 * Each expression is built from the catalogue's constants at compile time, so a misspelt
 * permission does not compile. Spring Security allows one {@code @PreAuthorize} per method, so an
 * endpoint that needs two permissions has an annotation naming both.
 */
public final class Requires {

    private static final String HAS = "hasAuthority('";
    private static final String END = "')";

    private Requires() {}

    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @Documented
    @PreAuthorize(HAS + Permissions.STAFF_READ + END)
    public @interface StaffRead {}

    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @Documented
    @PreAuthorize(HAS + Permissions.STAFF_WRITE + END)
    public @interface StaffWrite {}

    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @Documented
    @PreAuthorize(HAS + Permissions.STAFF_DEACTIVATE + END)
    public @interface StaffDeactivate {}

    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @Documented
    @PreAuthorize(HAS + Permissions.ROLES_READ + END)
    public @interface RolesRead {}

    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @Documented
    @PreAuthorize(HAS + Permissions.ROLES_WRITE + END)
    public @interface RolesWrite {}

    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @Documented
    @PreAuthorize(HAS + Permissions.TEAMS_READ + END)
    public @interface TeamsRead {}

    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @Documented
    @PreAuthorize(HAS + Permissions.TEAMS_WRITE + END)
    public @interface TeamsWrite {}

    /** A team's members: the team and the staff directory. */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @Documented
    @PreAuthorize(HAS + Permissions.TEAMS_READ + END + " and " + HAS + Permissions.STAFF_READ + END)
    public @interface TeamsReadAndStaffRead {}

    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @Documented
    @PreAuthorize(HAS + Permissions.STORES_READ + END)
    public @interface StoresRead {}

    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @Documented
    @PreAuthorize(HAS + Permissions.STORES_WRITE + END)
    public @interface StoresWrite {}

    /** A store's staff: the store and the staff directory. */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @Documented
    @PreAuthorize(HAS + Permissions.STORES_READ + END + " and " + HAS + Permissions.STAFF_READ + END)
    public @interface StoresReadAndStaffRead {}

    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @Documented
    @PreAuthorize(HAS + Permissions.ORGANIZATIONS_READ + END)
    public @interface OrganizationsRead {}

    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @Documented
    @PreAuthorize(HAS + Permissions.ORGANIZATIONS_WRITE + END)
    public @interface OrganizationsWrite {}

    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @Documented
    @PreAuthorize(HAS + Permissions.API_KEYS_MANAGE + END)
    public @interface ApiKeysManage {}

    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @Documented
    @PreAuthorize(HAS + Permissions.AUDIT_READ + END)
    public @interface AuditRead {}

    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @Documented
    @PreAuthorize(HAS + Permissions.WEBHOOKS_MANAGE + END)
    public @interface WebhooksManage {}

    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @Documented
    @PreAuthorize(HAS + Permissions.SCIM_PROVISION + END)
    public @interface ScimProvision {}
}
