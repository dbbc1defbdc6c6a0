-- The audit trail's data set, set-based: :n_events events (bench/seed --audit-events N) over the
-- twelve months before now, on the database bench/lib/seed.sql loaded (it reads bench.orgs, staff,
-- teams, stores, roles). Run as the superuser; may run again (it adds another N events).
--
-- Shape: events come in requests of 1-3 (one request id, one instant, one organization, one actor:
-- a staff.created is often followed by staff.roles_changed and staff.store_assigned). Organizations
-- are more skewed than their staff counts (weight squared: the largest ~28% of events, the smallest
-- ~0.3%); 1% are failed logins of unknown identifiers (no organization). Types follow a plausible
-- mix: logins and logouts ~40%, staff changes ~50%, team ~9%, role/store/organization/api_key rare.
-- Changes are made by a few administrators of each organization (the first 2% of its staff), the
-- bench API key and the system; logins by the staff themselves. Ids are UUIDv7 of occurred_at
-- (48-bit milliseconds, version 7, variant 10, random rest), as AuditEventIds makes them.
-- Inserted in id order (the id-led indexes grow at their right edge), without the triggers' help:
-- the table's triggers refuse only UPDATE, DELETE and TRUNCATE.

\set ON_ERROR_STOP on
\timing on
set synchronous_commit = off;
set work_mem = '256MB';
select setseed(0.2727);

\echo '== audit_events: monthly partitions for the last twelve months (and two ahead, as the service keeps)'
select audit_events_add_month((date_trunc('month', now() at time zone 'UTC') + m * interval '1 month')::date)
from generate_series(-12, 2) m;

\echo '== audit_events: organizations, their staff and admins'
create unlogged table bench.audit_orgs as
select o.n, o.id, o.first_team, o.n_teams, o.first_store, o.n_stores,
       power(o.weight, 2) / sum(power(o.weight, 2)) over () as share
from bench.orgs o;
alter table bench.audit_orgs add column lower_bound float8;
update bench.audit_orgs a set lower_bound = c.before
from (select n, coalesce(sum(share) over (order by n rows between unbounded preceding and 1 preceding), 0) as before
      from bench.audit_orgs) c
where c.n = a.n;

create unlogged table bench.audit_staff as
select s.organization_id::bigint * 10000000 + row_number() over (partition by s.organization_id order by s.id) - 1 as slot,
       s.id, coalesce(s.email, s.username, s.first_name || ' ' || s.last_name) as display
from staff s
where s.organization_id in (select id from bench.audit_orgs) and not s.is_service_user;
create unique index on bench.audit_staff (slot);
create unlogged table bench.audit_staff_count as
select (slot / 10000000) as org_id, count(*) as n from bench.audit_staff group by 1;
analyze bench.audit_orgs, bench.audit_staff, bench.audit_staff_count;

-- Event types by share (cumulative bounds for width_bucket), with what they target.
create unlogged table bench.audit_types (n int primary key, type text not null, target text not null,
                                         share float8 not null, lower_bound float8);
insert into bench.audit_types (n, type, target, share) values
  (1, 'auth.login_succeeded', 'staff', 0.22), (2, 'auth.logout', 'staff', 0.08),
  (3, 'auth.login_failed', 'staff', 0.07), (4, 'auth.login_locked_out', 'staff', 0.004),
  (5, 'auth.refresh_token_reused', 'staff', 0.001), (6, 'session.revoked', 'staff', 0.01),
  (7, 'staff.updated', 'staff', 0.20), (8, 'staff.created', 'staff', 0.05),
  (9, 'staff.roles_changed', 'staff', 0.04), (10, 'staff.stores_changed', 'staff', 0.02),
  (11, 'staff.store_assigned', 'staff', 0.03), (12, 'staff.store_unassigned', 'staff', 0.01),
  (13, 'staff.current_store_set', 'staff', 0.04), (14, 'staff.deactivated', 'staff', 0.012),
  (15, 'staff.reactivated', 'staff', 0.003), (16, 'staff.activated', 'staff', 0.03),
  (17, 'staff.activation_requested', 'staff', 0.03), (18, 'staff.password_changed', 'staff', 0.02),
  (19, 'staff.password_reset_requested', 'staff', 0.015), (20, 'staff.password_reset', 'staff', 0.01),
  (21, 'team.member_added', 'team', 0.055), (22, 'team.member_removed', 'team', 0.025),
  (23, 'team.updated', 'team', 0.008), (24, 'team.created', 'team', 0.003), (25, 'team.deleted', 'team', 0.001),
  (26, 'role.updated', 'role', 0.0015), (27, 'role.created', 'role', 0.0005), (28, 'role.deleted', 'role', 0.0002),
  (29, 'store.updated', 'store', 0.005), (30, 'store.created', 'store', 0.001), (31, 'store.deactivated', 'store', 0.0003),
  (32, 'organization.updated', 'organization', 0.0004), (33, 'api_key.created', 'api_key', 0.0004),
  (34, 'api_key.revoked', 'api_key', 0.0002);
update bench.audit_types t set share = t.share / s.total, lower_bound = s.before / s.total
from (select n, sum(share) over () as total,
             coalesce(sum(share) over (order by n rows between unbounded preceding and 1 preceding), 0) as before
      from bench.audit_types) s
where s.n = t.n;

select coalesce((select value::bigint from bench.meta where key = 'api_key_id'), 0) as api_key_id,
       (select min(id) from roles) as role_min, (select max(id) from roles) as role_max \gset

\echo '== audit_events: requests and their events'
-- One row per request: its instant (uniform over the year, 80% in business hours), organization,
-- actor choice and first event type; a request holds 1-3 events (~1.25 on average).
create unlogged table bench.audit_gen as
with request as (
    select g,
           -- 1% failed logins of unknown identifiers: no organization (type 3, auth.login_failed)
           case when random() < 0.01 then null
                else width_bucket(random(), (select array_agg(lower_bound order by n) from bench.audit_orgs)) end as org_n,
           width_bucket(random(), (select array_agg(lower_bound order by n) from bench.audit_types)) as type_n0,
           date_trunc('day', now() - random() * interval '365 days')
             + case when random() < 0.8 then interval '7 hours' + random() * interval '11 hours'
                    else random() * interval '24 hours' end as at0,
           random() as u_actor, random() as u_who, random() as u_target, random() as u_size, random() as u_misc
    from generate_series(1, ceil(:n_events / 1.08)::int) g
)
select r.*, k,
       -- today's business hours may lie ahead: those requests move a day back
       case when r.at0 > now() - interval '1 second' then r.at0 - interval '1 day' else r.at0 end
         + (k - 1) * interval '3 milliseconds' as occurred_at,
       o.id as org_id, o.first_team, o.n_teams, o.first_store, o.n_stores, c.n as org_staff,
       -- the request's type, or for its 2nd/3rd event a follow-up of a staff change
       case when r.org_n is null then 3 when k = 1 or r.type_n0 > 20 or r.type_n0 < 7 then r.type_n0
            else (array[9, 11, 13, 10])[1 + floor(random() * 4)::int] end as event_type_n,
       random() as u_event
from request r
left join bench.audit_orgs o on o.n = r.org_n
left join bench.audit_staff_count c on c.org_id = o.id
cross join lateral generate_series(1, case when r.org_n is null or r.type_n0 < 7 then 1
                                           when r.u_size < 0.82 then 1 when r.u_size < 0.95 then 2 else 3 end) k
limit :n_events;

\echo '== audit_events: insert'
insert into audit_events (id, type, occurred_at, organization_id,
                          actor_type, actor_id, actor_display, actor_key_creator_id, actor_key_creator_display,
                          target_type, target_id, target_display, changes,
                          request_id, client_address, user_agent)
select (substr(h.ms, 1, 8) || '-' || substr(h.ms, 9, 4) || '-7' || lpad(to_hex(floor(random() * 4096)::int), 3, '0')
          || '-' || to_hex(8 + floor(random() * 4)::int) || lpad(to_hex(floor(random() * 4096)::int), 3, '0')
          || '-' || lpad(to_hex(floor(random() * 281474976710656)::bigint), 12, '0'))::uuid,
       t.type, g.occurred_at, g.org_id,
       a.actor_type, a.actor_id,
       case when a.actor_type = 'staff' and t.target = 'staff' and a.actor_id = tg.target_id then ts.display
            when a.actor_type = 'staff' then admin.display
            when a.actor_type = 'api_key' then 'integration ' || a.actor_id end,
       case when a.actor_type = 'api_key' then admin.id end,
       case when a.actor_type = 'api_key' then admin.display end,
       t.target, tg.target_id,
       case t.target when 'staff' then ts.display
                     when 'team' then 'Team ' || tg.target_id
                     when 'store' then 'Store ' || tg.target_id
                     when 'role' then 'role ' || tg.target_id
                     when 'organization' then 'Organization ' || tg.target_id
                     when 'api_key' then 'integration ' || tg.target_id end,
       case t.type
           when 'staff.updated' then jsonb_build_array(jsonb_build_object('field',
               (array['job_title','phone','mobile_phone','last_name','email','time_zone','tags'])[1 + floor(g.u_event * 7)::int],
               'from', 'old value ' || floor(g.u_event * 1000)::int, 'to', 'new value ' || floor(g.u_misc * 1000)::int))
           when 'staff.roles_changed' then jsonb_build_array(jsonb_build_object('field', 'roles', 'from', jsonb_build_array('worker'),
                                                                                 'to', jsonb_build_array('worker', 'manager')))
           when 'staff.password_changed' then '[{"field": "password", "changed": true}]'::jsonb
           when 'staff.password_reset' then '[{"field": "password", "changed": true}]'::jsonb
           when 'team.updated' then '[{"field": "description", "from": null, "to": "Weekend rota"}]'::jsonb
           when 'role.updated' then '[{"field": "permissions", "from": ["staff:read"], "to": ["staff:read", "staff:write"]}]'::jsonb
           else '[]'::jsonb end,
       g.request_id,
       case when a.actor_type = 'system' then null
            else '10.' || floor(g.u_who * 250)::int || '.' || floor(g.u_misc * 250)::int || '.' || (1 + g.g % 250) end,
       case when a.actor_type = 'system' then null
            when a.actor_type = 'api_key' then 'staffkit-sync/2.3 (+java)'
            else (array['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/138.0 Safari/537.36',
                        'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
                        'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148',
                        'StaffkitMobile/4.1 (Android 15)'])[1 + floor(g.u_misc * 4)::int] end
from (select g.*,
             -- 12 of 16 requests with a generated id, 4 with an id the client sent (also a UUID here)
             substr(md5(g.g::text || ':req'), 1, 8) || '-' || substr(md5(g.g::text || ':req'), 9, 4) || '-4'
               || substr(md5(g.g::text || ':req'), 14, 3) || '-a' || substr(md5(g.g::text || ':req'), 18, 3) || '-'
               || substr(md5(g.g::text || ':req'), 21, 12) as request_id
      from bench.audit_gen g) g
join bench.audit_types t on t.n = g.event_type_n
cross join lateral (select lpad(to_hex(floor(extract(epoch from g.occurred_at) * 1000)::bigint), 12, '0') as ms) h
-- the actor: logins are the staff member themselves (failed ones anonymous); changes a few admins
-- (72%), the bench API key or another integration (13%), or the system (15%)
cross join lateral (
    select case when t.type in ('auth.login_failed', 'auth.login_locked_out') then 'anonymous'
                when t.type like 'auth.%' or t.type = 'session.revoked' then 'staff'
                when g.u_actor < 0.72 then 'staff'
                when g.u_actor < 0.85 then 'api_key'
                else 'system' end as actor_type) a0
left join bench.audit_staff admin
       on g.org_id is not null
      and admin.slot = g.org_id * 10000000 + floor(g.u_who * greatest(1, ceil(g.org_staff * 0.02)))::bigint
-- the target: the staff member logging in or changed; else a team, store, role, the organization or a key
left join bench.audit_staff ts
       on t.target = 'staff' and g.org_id is not null
      and ts.slot = g.org_id * 10000000 + floor(g.u_target * g.org_staff)::bigint
cross join lateral (
    select case when g.org_id is null then null
                when t.target = 'staff' then ts.id
                when t.target = 'team' then g.first_team + floor(g.u_target * g.n_teams)::bigint
                when t.target = 'store' then g.first_store + floor(g.u_target * g.n_stores)::bigint
                when t.target = 'role' then :role_min + floor(g.u_target * (:role_max - :role_min + 1))::bigint
                when t.target = 'organization' then g.org_id
                else 1000 + floor(g.u_target * 200)::bigint end as target_id) tg
cross join lateral (
    select a0.actor_type,
           case when a0.actor_type = 'staff' and (t.type like 'auth.%' or t.type = 'session.revoked') then tg.target_id
                when a0.actor_type = 'staff' then admin.id
                when a0.actor_type = 'api_key' then case when g.org_n = 1 and :api_key_id > 0 then :api_key_id
                                                         else 1000 + g.org_n * 4 + floor(g.u_who * 4)::bigint end end as actor_id) a
order by g.occurred_at;

drop table bench.audit_gen, bench.audit_staff, bench.audit_staff_count, bench.audit_orgs, bench.audit_types;

\echo '== audit_events: analyze'
analyze audit_events;

\echo '== audit_events: counts'
select count(*) as events, count(distinct organization_id) as organizations,
       count(*) filter (where organization_id is null) as without_organization,
       min(occurred_at)::date as oldest, max(occurred_at)::date as newest
from audit_events;
