-- The stores a caller acting for a staff member sees, in one place for both credentials: a session
-- of the staff member and an API key it created (a key's store scope is its creator's current
-- scope, like its permissions are). Every store of the caller's organizations, unless it is a
-- manager without full store access: then only the stores it is assigned to.
--
-- A set-returning SQL function with a single SELECT, so that PostgreSQL inlines it into the
-- credential's query (a lateral join) instead of calling it.
create function staff_store_scope(p_staff_id bigint)
    returns table (all_stores boolean, store_ids bigint[])
    language sql stable as
$$
select s.full_store_access
         or exists (select 1 from staff_roles sr join roles r on r.id = sr.role_id
                    where sr.staff_id = s.id and r.is_built_in and r.name in ('owner', 'admin', 'superadmin'))
         or not exists (select 1 from staff_roles sr join roles r on r.id = sr.role_id
                        where sr.staff_id = s.id and r.is_built_in and r.name = 'manager'),
       array(select ss.store_id from staff_stores ss where ss.staff_id = s.id)
from staff s
where s.id = p_staff_id
$$;
