-- Metrics and build information span every organization, so reading them is a service-wide
-- permission that only the built-in superadmin role holds (owners and admins of a franchisee saw
-- every tenant's request counts through audit:read). No custom role may carry it (RoleService).
update roles
set permissions = array_append(permissions, 'service:metrics'),
    modified_at = now()
where is_built_in
  and name = 'superadmin'
  and not ('service:metrics' = any (permissions));
