-- Floor of GET /api/v1/staffs/?store=<id>&role=manager: the first page (20) of a store's active
-- managers in id order, within the caller's organizations.
\set store random(:store_min_id, :store_max_id)
select @staff_columns@
where s.organization_id = any(cast(:org_ids as bigint[]))
  and exists (select 1 from staff_stores fs where fs.staff_id = s.id and fs.store_id = :store)
  and exists (select 1 from staff_roles sr join roles r on r.id = sr.role_id
              where sr.staff_id = s.id and r.is_built_in and r.name = 'manager')
  and s.is_active
order by s.id
limit 20;
