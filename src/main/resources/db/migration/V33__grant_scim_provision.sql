-- Provisioning through SCIM is a permission of the organization's owners and admins (and superadmin's).
update roles
set permissions = array_append(permissions, 'scim:provision'),
    modified_at = now()
where is_built_in
  and name in ('superadmin', 'owner', 'admin')
  and not ('scim:provision' = any (permissions));
