package com.staffkit.role;

import java.util.Set;

/** A role as other features see it: what granting it hands over. */
public record RoleGrant(long id, String name, boolean builtIn, Set<String> permissions) {

    public static final String SUPERADMIN = "superadmin";
    public static final String WORKER = "worker";
    public static final String MEMBER = "member";

    public RoleGrant {
        permissions = Set.copyOf(permissions);
    }

    /** Only superadmin spans organizations, so only a superadmin may hand it out. */
    public boolean isSuperadmin() {
        return builtIn && SUPERADMIN.equals(name);
    }
}
