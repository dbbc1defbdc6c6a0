-- Every organization has a service ("bot") staff member with the worker role, for
-- automations that need a staff reference. It has no password and cannot log in.
insert into staff (organization_id, username, first_name, last_name, is_service_user, has_activated)
select o.id, 'service-' || o.slug, 'Service', 'User', true, true
from organizations o
where not exists (select 1 from staff s where s.organization_id = o.id and s.is_service_user);

insert into staff_roles (staff_id, role_id, organization_id)
select s.id, r.id, s.organization_id
from staff s
join roles r on r.organization_id is null and r.name = 'worker'
where s.is_service_user
on conflict do nothing;
