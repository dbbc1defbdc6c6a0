-- What a role means for store access and for logging in is data on the role, read by SQL and Java
-- alike, instead of lists of built-in role names copied into queries:
--   grants_all_stores          its holders see every store of their organizations (owner, admin, superadmin)
--   scopes_to_assigned_stores  its holders see only the stores they are assigned to, unless they see
--                              all stores anyway (manager)
--   allows_login               its holders may log in (every role but worker)
-- Custom roles keep the defaults: the roles API sets none of these, so a custom role grants no
-- store access, scopes nobody and lets its holders log in, exactly as before.
alter table roles
    add column grants_all_stores boolean not null default false,
    add column scopes_to_assigned_stores boolean not null default false,
    add column allows_login boolean not null default true,
    add constraint ck_roles_custom_flags_default
        check (is_built_in or (not grants_all_stores and not scopes_to_assigned_stores and allows_login));

update roles set grants_all_stores = true where is_built_in and name in ('owner', 'admin', 'superadmin');
update roles set scopes_to_assigned_stores = true where is_built_in and name = 'manager';
update roles set allows_login = false where is_built_in and name = 'worker';

-- Whether a staff member sees every store of its organization: its own grant (staff.full_store_access)
-- or a role that grants all stores. The API shows it as full_store_access. A set-returning function
-- with a single SELECT, so PostgreSQL inlines it into the query that calls it.
create function staff_sees_all_stores(p_staff_id bigint)
    returns table (sees_all_stores boolean)
    language sql stable as
$$
select s.full_store_access
           or exists (select 1 from staff_roles sr join roles r on r.id = sr.role_id
                      where sr.staff_id = s.id and r.grants_all_stores)
from staff s
where s.id = p_staff_id
$$;

-- The store scope of a caller acting for a staff member (V19), now from the role flags: every store
-- unless it holds a role that scopes to assigned stores and does not see all stores.
create or replace function staff_store_scope(p_staff_id bigint)
    returns table (all_stores boolean, store_ids bigint[])
    language sql stable as
$$
select a.sees_all_stores
         or not exists (select 1 from staff_roles sr join roles r on r.id = sr.role_id
                        where sr.staff_id = s.id and r.scopes_to_assigned_stores),
       array(select ss.store_id from staff_stores ss where ss.staff_id = s.id)
from staff s
cross join lateral staff_sees_all_stores(s.id) a
where s.id = p_staff_id
$$;
