-- Floor of GET /api/v1/staffs/?store=<id>&role=manager: the first page (20) of a store's active
-- managers in id order, within the caller's organizations: the store's assignments with a manager
-- role id (V17: one range of the store index) first, as the service does.
\set store random(:store_min_id, :store_max_id)
select @staff_columns@
where s.organization_id = any(cast(:org_ids as bigint[]))
  and s.id = any(array(select fs.staff_id from staff_stores fs
                        where fs.store_id = :store
                          and fs.role_ids && array(select r.id from roles r where lower(r.name) = 'manager')))
  and s.is_active
order by s.id
limit 20;
