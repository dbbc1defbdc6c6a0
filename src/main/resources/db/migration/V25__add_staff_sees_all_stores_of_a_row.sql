-- staff_sees_all_stores(id) (V23) reads the staff row again by its id to learn its own grant. A query
-- that already holds the row (a page of staff, a credential lookup) passes the grant in instead:
-- one primary-key read less per row. The rule stays in one place: the one-argument form now reads
-- the row and asks this one. Set-returning, with a single SELECT, so PostgreSQL inlines it.
create function staff_sees_all_stores(p_full_store_access boolean, p_staff_id bigint)
    returns table (sees_all_stores boolean)
    language sql stable as
$$
select p_full_store_access
           or exists (select 1 from staff_roles sr join roles r on r.id = sr.role_id
                      where sr.staff_id = p_staff_id and r.grants_all_stores)
$$;

create or replace function staff_sees_all_stores(p_staff_id bigint)
    returns table (sees_all_stores boolean)
    language sql stable as
$$
select a.sees_all_stores
from staff s
cross join lateral staff_sees_all_stores(s.full_store_access, s.id) a
where s.id = p_staff_id
$$;

create or replace function staff_store_scope(p_staff_id bigint)
    returns table (all_stores boolean, store_ids bigint[])
    language sql stable as
$$
select a.sees_all_stores
         or not exists (select 1 from staff_roles sr join roles r on r.id = sr.role_id
                        where sr.staff_id = s.id and r.scopes_to_assigned_stores),
       array(select ss.store_id from staff_stores ss where ss.staff_id = s.id)
from staff s
cross join lateral staff_sees_all_stores(s.full_store_access, s.id) a
where s.id = p_staff_id
$$;
