package com.staffkit.role;

import com.staffkit.common.security.Caller;
import java.util.Collection;
import java.util.Set;

/**
 * A role as other features see it: what granting it hands over.
 *
 * @param allowsLogin whether holding it lets a staff member log in ({@code roles.allows_login}: every role but the
 *     built-in worker)
 */
public record RoleGrant(long id, String name, boolean builtIn, Set<String> permissions, boolean allowsLogin) {

    public static final String SUPERADMIN = "superadmin";
    public static final String MEMBER = "member";

    public RoleGrant {
        permissions = Set.copyOf(permissions);
    }

    /**
     * A caller may grant a role only if it holds every permission the role carries, and superadmin,
     * which spans organizations, only if it sees every organization (is a superadmin itself).
     */
    public boolean isGrantableBy(Caller caller) {
        return caller.hasAll(permissions) && (!isSuperadmin() || caller.allOrganizations());
    }

    /** Only superadmin spans organizations, so only a superadmin may hand it out. */
    public boolean isSuperadmin() {
        return builtIn && SUPERADMIN.equals(name);
    }

    /** Whether a staff member holding these roles may log in, as far as roles decide it: one of them allows it. */
    public static boolean anyAllowsLogin(Collection<RoleGrant> roles) {
        return roles.stream().anyMatch(RoleGrant::allowsLogin);
    }
}
