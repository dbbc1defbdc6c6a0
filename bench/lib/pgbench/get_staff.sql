-- Floor of GET /api/v1/staffs/{id}/: a primary-key select of one staff row with its roles, stores
-- and teams, within the caller's organizations.
\set id random(:staff_min_id, :staff_max_id)
select @staff_columns@
where s.organization_id = any(cast(:org_ids as bigint[])) and s.id = :id;
