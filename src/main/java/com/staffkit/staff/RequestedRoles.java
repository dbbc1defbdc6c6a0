package com.staffkit.staff;

import com.staffkit.role.RoleGrant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The roles a write asks for: member when it names none. */
final class RequestedRoles {

    static final List<String> DEFAULT = List.of(RoleGrant.MEMBER);

    private RequestedRoles() {}

    static List<String> orDefault(List<String> names) {
        return names == null ? DEFAULT : names;
    }

    static boolean areDefault(List<RoleGrant> roles) {
        return roles.stream().map(RoleGrant::name).collect(Collectors.toSet()).equals(new HashSet<>(DEFAULT));
    }

    static Set<Long> ids(List<RoleGrant> roles) {
        return roles.stream().map(RoleGrant::id).collect(Collectors.toSet());
    }

    static List<String> names(List<RoleGrant> roles) {
        return roles.stream().map(RoleGrant::name).toList();
    }
}
