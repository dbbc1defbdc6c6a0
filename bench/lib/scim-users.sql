-- bench/scim-plans' additions to a seeded database: what an identity provider's provisioning leaves
-- on the staff of two organizations, the largest and the smallest (by staff). Run once (bench.meta
-- key 'scim_users'); deterministic (ids, not random()). In each of them:
--   * 60% of the staff carry a displayName ("First Last") and enterprise attributes (employeeNumber,
--     department), as SCIM-created users do;
--   * 20% have Okta's default userName, their email (the username becomes the email);
--   * 0.5% were deleted through SCIM (deprovisioned_at set, inactive);
--   * 200 were changed by the identity provider in the last hour (modified_at), the rest keep theirs.
-- Teams of both organizations get an externalId (a GUID-like text), as SCIM-created groups have.

\set ON_ERROR_STOP on
set synchronous_commit = off;

drop table if exists bench.scim_orgs;
create table bench.scim_orgs as
with sizes as (
    select s.organization_id as id, count(*) as n
    from staff s
    where s.organization_id in (select id from bench.orgs) and not s.is_service_user
    group by 1)
select 'largest' as name, id, n from (select * from sizes order by n desc, id limit 1) l
union all
select 'smallest', id, n from (select * from sizes order by n, id limit 1) s;

\echo '== scim_users: staff of the largest and the smallest organization as provisioned'
update staff s
set display_name = s.first_name || ' ' || s.last_name,
    employee_number = 'EMP' || lpad((s.id % 10000000)::text, 7, '0'),
    department = (array['Sales', 'Operations', 'Pharmacy', 'Logistics', 'Customer Service', 'Finance'])[1 + (s.id % 6)::int]
where s.organization_id in (select id from bench.scim_orgs)
  and not s.is_service_user
  and s.id % 10 < 6;

-- Usernames become emails without the per-row trigger (one advisory lock per row would not fit the
-- lock table): login identifiers and search chunks are written as the triggers would have.
set session_replication_role = replica;
create temporary table scim_usernames as
select s.id from staff s
where s.organization_id in (select id from bench.scim_orgs) and not s.is_service_user
  and s.id % 5 = 0 and s.email is not null;
update staff s set username = s.email from scim_usernames u where u.id = s.id;
delete from login_identifiers li using scim_usernames u where li.staff_id = u.id and li.kind = 'username';
insert into login_identifiers (identifier, kind, staff_id)
select lower(s.email), 'username', s.id from staff s join scim_usernames u on u.id = s.id;
update staff_search ss set search_text = s.search_text
from staff s join scim_usernames u on u.id = s.id where ss.id = s.id;
set session_replication_role = origin;

update staff s
set deprovisioned_at = s.modified_at, is_active = false
where s.organization_id in (select id from bench.scim_orgs)
  and not s.is_service_user
  and s.id % 200 = 7;

update staff s
set modified_at = now() - (s.id % 60) * interval '1 minute'
where s.id in (select id from staff
               where organization_id in (select id from bench.scim_orgs) and not is_service_user
                 and deprovisioned_at is null
               order by id desc limit 200);

update teams t
set external_id = md5('team-' || t.id)::uuid::text
where t.organization_id in (select id from bench.scim_orgs);

insert into bench.meta values ('scim_users', to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'));

vacuum (analyze) staff, teams, login_identifiers, staff_search;

\echo '== scim_users: counts'
select o.name, o.id, o.n as staff,
       (select count(*) from staff s where s.organization_id = o.id and s.display_name is not null) as with_display_name,
       (select count(*) from staff s where s.organization_id = o.id and s.deprovisioned_at is not null) as deprovisioned,
       (select count(*) from staff s where s.organization_id = o.id and not s.is_active) as inactive,
       (select count(*) from teams t where t.organization_id = o.id) as teams
from bench.scim_orgs o order by o.name;
