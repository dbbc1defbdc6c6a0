package com.staffkit.role;

/** Published in the transaction that changes a custom role's permissions. */
public record RolePermissionsChanged(long roleId, long organizationId) {}
