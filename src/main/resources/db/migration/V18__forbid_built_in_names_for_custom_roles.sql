-- A custom role never carries a built-in role's name, whatever its case. The service already
-- refuses such names; staff rows now rely on it (owner, admin and superadmin always have full store
-- access, read from the role names), so the database enforces it too.
alter table roles add constraint ck_roles_custom_name_not_built_in
    check (is_built_in or lower(name) not in ('superadmin', 'owner', 'admin', 'manager', 'member', 'worker'));
