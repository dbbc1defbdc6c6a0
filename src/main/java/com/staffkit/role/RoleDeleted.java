package com.staffkit.role;

/**
 * Published in the transaction that deletes a custom role, before the row goes: holders of the
 * role drop it.
 */
public record RoleDeleted(long roleId, long organizationId) {}
