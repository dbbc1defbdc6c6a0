-- bench/seed's data set, set-based. Run by bench/seed as the superuser on the freshly migrated
-- database; psql variables: scale (1.0 = 1,000,000 staff), api_key (the secret of the bench API key).
--
-- Shape at scale 1: 50 organizations (the "Northwind Group" root and 49 franchisees in ten
-- countries, a two-level tree), 5,000 stores, 1,000,000 staff with 1-3 roles and 0-3 stores each,
-- 20,000 teams with 0-50 members. Organization sizes are skewed (the largest ~10 times the
-- smallest); staff are mostly named in their organization's language. random() is seeded, so a
-- given scale always produces the same data.
--
-- Speed: the bulk tables are filled with explicit ids in one INSERT ... SELECT each, with
-- session_replication_role = replica (no per-row foreign-key or trigger work; the data are
-- consistent by construction) and without their secondary indexes, which are rebuilt afterwards
-- (login_identifiers, normally filled by a trigger, is filled in one statement).

\set ON_ERROR_STOP on
\timing on
set synchronous_commit = off;
set work_mem = '256MB';
set maintenance_work_mem = '1GB';
set max_parallel_maintenance_workers = 2;
select setseed(0.4242);

\echo '== reference data'
create schema bench;
\ir names.sql

create table bench.meta (key text primary key, value text not null);

select greatest(100, round(1000000 * :scale))::int as n_staff,
       greatest(50, round(5000 * :scale))::int as n_stores,
       greatest(20, round(20000 * :scale))::int as n_teams \gset

\echo '== organizations: the Northwind Group and 49 franchisees'
create table bench.org_spec (n int primary key, name text not null, slug text not null, lang text not null, city text not null);
insert into bench.org_spec values (1, 'Northwind Group', 'northwind', 'en', 'London');
insert into bench.org_spec
select 1 + row_number() over (), 'Northwind ' || city, 'northwind-' || slug, lang, city
from (values
  ('en','London','london'),('en','Manchester','manchester'),('en','Birmingham','birmingham'),('en','Leeds','leeds'),
  ('en','Glasgow','glasgow'),('en','Bristol','bristol'),
  ('de','Berlin','berlin'),('de','Hamburg','hamburg'),('de','München','muenchen'),('de','Köln','koeln'),
  ('de','Frankfurt','frankfurt'),('de','Stuttgart','stuttgart'),('de','Leipzig','leipzig'),('de','Dresden','dresden'),
  ('fr','Paris','paris'),('fr','Lyon','lyon'),('fr','Marseille','marseille'),('fr','Toulouse','toulouse'),('fr','Lille','lille'),
  ('es','Madrid','madrid'),('es','Barcelona','barcelona'),('es','Valencia','valencia'),('es','Sevilla','sevilla'),
  ('it','Milano','milano'),('it','Roma','roma'),('it','Torino','torino'),('it','Napoli','napoli'),
  ('pl','Warszawa','warszawa'),('pl','Kraków','krakow'),('pl','Wrocław','wroclaw'),('pl','Gdańsk','gdansk'),
  ('tr','İstanbul','istanbul'),('tr','Ankara','ankara'),('tr','İzmir','izmir'),('tr','Bursa','bursa'),('tr','Antalya','antalya'),
  ('ru','Москва','moskva'),('ru','Санкт-Петербург','sankt-peterburg'),('ru','Казань','kazan'),('ru','Новосибирск','novosibirsk'),
  ('ru','Екатеринбург','ekaterinburg'),
  ('uk','Київ','kyiv'),('uk','Львів','lviv'),('uk','Одеса','odesa'),('uk','Харків','kharkiv'),
  ('nl','Amsterdam','amsterdam'),('nl','Rotterdam','rotterdam'),('nl','Utrecht','utrecht'),('nl','Eindhoven','eindhoven')
) as c (lang, city, slug);

insert into organizations (name, slug) select name, slug from bench.org_spec where n = 1;
insert into organizations (name, slug, parent_id)
select s.name, s.slug, root.id
from bench.org_spec s, organizations root
where root.slug = 'northwind' and s.n > 1
order by s.n;

-- Sizes: the root (head office) is small, franchisees follow a Zipf-like curve.
create table bench.orgs as
select s.n, o.id, s.lang, s.slug,
       replace(s.slug, 'northwind-', '') || '.northwind.example' as domain,
       -- sizes rank in a shuffled order (19 is coprime with 49), so every country has big and small ones
       case when s.n = 1 then 0.05 else 1 / power(1 + ((s.n - 2) * 19) % 49, 0.6) end as weight
from bench.org_spec s join organizations o on o.slug = s.slug;
alter table bench.orgs add column share float8, add column lower_bound float8,
  add column n_stores int, add column first_store bigint, add column n_teams int, add column first_team bigint;
update bench.orgs o set share = o.weight / t.total, lower_bound = t.before / t.total
from (select n, sum(weight) over () as total, coalesce(sum(weight) over (order by n rows between unbounded preceding and 1 preceding), 0) as before
      from bench.orgs) t
where t.n = o.n;

select coalesce(max(id), 0) as store_base from stores \gset
select coalesce(max(id), 0) as team_base from teams \gset
update bench.orgs o set n_stores = c.n_stores, first_store = :store_base + 1 + c.before_stores,
                        n_teams = c.n_teams, first_team = :team_base + 1 + c.before_teams
from (select n, n_stores, n_teams,
             coalesce(sum(n_stores) over (order by n rows between unbounded preceding and 1 preceding), 0) as before_stores,
             coalesce(sum(n_teams) over (order by n rows between unbounded preceding and 1 preceding), 0) as before_teams
      from (select n, greatest(1, round(:n_stores * share))::int as n_stores,
                   greatest(1, round(:n_teams * share))::int as n_teams
            from bench.orgs) s) c
where c.n = o.n;

\echo '== service users, the bench admin and the bench API key'
-- Created through the API, an organization gets a service ("bot") staff member with the worker role.
insert into staff (organization_id, username, first_name, last_name, is_service_user, has_activated)
select o.id, 'service-' || o.slug, 'Service', 'User', true, true from bench.orgs o order by o.n;
insert into staff_roles (staff_id, role_id, organization_id)
select s.id, r.id, s.organization_id
from staff s join bench.orgs o on o.id = s.organization_id
join roles r on r.organization_id is null and r.name = 'worker'
where s.is_service_user;

-- Every activated account gets the bootstrap admin's hash (bcrypt by the service's own encoder,
-- of the password in bench.env), so any seeded account can log in with it.
select password_hash as pwhash from staff where lower(email) = 'admin@localhost' \gset

insert into staff (organization_id, username, email, first_name, last_name, has_activated, password_hash, full_store_access)
select id, 'bench-admin', 'bench-admin@northwind.example', 'Bench', 'Admin', true, :'pwhash', true
from bench.orgs where n = 1
returning id as admin_id \gset
insert into staff_roles (staff_id, role_id, organization_id)
select :admin_id, r.id, o.id from roles r, bench.orgs o where r.organization_id is null and r.name = 'owner' and o.n = 1;

insert into api_keys (organization_id, name, prefix, key_hash, created_by)
select id, 'bench', left(:'api_key', 11), sha256(convert_to(:'api_key', 'UTF8')), :admin_id
from bench.orgs where n = 1
returning id as api_key_id \gset
insert into api_key_roles (api_key_id, role_id, organization_id)
select :api_key_id, r.id, o.id from roles r, bench.orgs o where r.organization_id is null and r.name = 'admin' and o.n = 1;

select max(id) as staff_base from staff \gset

\echo '== secondary indexes of the bulk tables dropped (rebuilt after the load)'
create table bench.saved_indexes as
select c.relname as table_name, i.indexrelid::regclass::text as index_name, pg_get_indexdef(i.indexrelid) as ddl,
       am.amname as method
from pg_index i
join pg_class c on c.oid = i.indrelid
join pg_namespace ns on ns.oid = c.relnamespace
join pg_class ic on ic.oid = i.indexrelid
join pg_am am on am.oid = ic.relam
where ns.nspname = 'public'
  and c.relname in ('staff', 'staff_search', 'staff_roles', 'staff_stores', 'team_members', 'teams', 'stores',
                    'login_identifiers')
  and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid);
select format('drop index %s', index_name) from bench.saved_indexes \gexec

set session_replication_role = replica;

\echo '== stores'
create table bench.cities as
select lang, city from bench.org_spec;
insert into stores (id, organization_id, name, email, phone_number, remote_id, is_active,
                    address_line, address_postcode, address_city, address_country, created_at, modified_at)
overriding system value
select o.first_store + k,
       o.id,
       'Northwind ' || s.city || ' ' || (array['Centre','Station','Mall','North','South','East','West','Market','Harbour','Park'])[1 + (k % 10)] || ' ' || (k + 1),
       's' || lpad((k + 1)::text, 4, '0') || '@' || o.domain,
       '+' || (case o.lang when 'en' then '44' when 'de' then '49' when 'fr' then '33' when 'es' then '34' when 'it' then '39'
                           when 'pl' then '48' when 'tr' then '90' when 'ru' then '7' when 'uk' then '380' else '31' end)
           || ' ' || (100000000 + floor(random() * 899999999))::bigint,
       'S' || lpad((k + 1)::text, 5, '0'),
       random() > 0.02,
       (1 + floor(random() * 200))::int || ' ' || (array['High Street','Main Road','Market Square','Station Road','Park Lane','Church Street'])[1 + floor(random() * 6)::int],
       lpad(floor(random() * 99999)::int::text, 5, '0'),
       s.city,
       l.country,
       now() - random() * interval '8 years',
       now() - random() * interval '1 year'
from bench.orgs o
join bench.org_spec s on s.n = o.n
join bench.languages l on l.lang = o.lang
cross join lateral generate_series(0, o.n_stores - 1) k
order by 1;

\echo '== staff: per-row choices'
-- One row per staff member with every random choice, so the related tables follow from it.
create unlogged table bench.staff_gen as
with pick as (
    select g,
           width_bucket(random(), (select array_agg(lower_bound order by n) from bench.orgs)) as org_n,
           width_bucket(random(), (select array_agg(lower_bound order by n) from bench.language_pick)) as lang_n,
           random() as u_lang, random() as u_gender, random() as u_first, random() as u_last,
           random() as u_mail, random() as u_domain, random() as u_user, random() as u_combo, random() as u_stores,
           random() as u_store_base, random() as u_current, random() as u_active, random() as u_activated,
           random() as u_misc, random() as u_misc2
    from generate_series(1, :n_staff) g
)
select p.g, :staff_base + p.g as id, o.n as org_n, o.id as org_id, o.domain as org_domain, o.lang as org_lang,
       o.n_stores as org_n_stores, o.first_store,
       -- 80% are named in their organization's language, the rest in any.
       case when p.u_lang < 0.8 then o.lang else lp.lang end as lang,
       case when p.u_gender < 0.55 then 'f' else 'm' end as gender,
       p.u_first, p.u_last, p.u_mail, p.u_domain, p.u_user,
       -- Role sets (1 to 3 roles, see bench.role_combos): mostly workers and members, ~15% managers,
       -- ~3% admins or owners.
       width_bucket(p.u_combo, array[0, 0.38, 0.64, 0.70, 0.80, 0.85, 0.88, 0.965, 0.98, 0.99, 0.997]) as combo,
       case when p.u_stores < 0.15 then 0 when p.u_stores < 0.60 then 1 when p.u_stores < 0.88 then 2 else 3 end as n_stores,
       floor(p.u_store_base * o.n_stores)::int as store_base,
       p.u_current < 0.35 as has_current_store,
       p.u_active < 0.95 as is_active,
       p.u_activated < 0.88 as has_activated,
       p.u_misc, p.u_misc2
from pick p
join bench.orgs o on o.n = p.org_n
join bench.language_pick lp on lp.n = p.lang_n;
analyze bench.staff_gen;

create table bench.role_combos (combo int primary key, roles text[] not null);
insert into bench.role_combos values
  (1, '{worker}'), (2, '{member}'), (3, '{manager}'), (4, '{member,worker}'), (5, '{manager,member}'),
  (6, '{manager,worker}'), (7, '{manager,member,worker}'), (8, '{admin}'), (9, '{admin,manager}'),
  (10, '{admin,member,worker}'), (11, '{owner}');

\echo '== staff'
insert into staff (id, organization_id, username, email, first_name, last_name, job_title, phone, mobile_phone,
                   time_zone, remote_id, attributes, tags, is_active, has_activated, full_store_access,
                   password_hash, last_login, date_joined, created_at, modified_at, current_store_id)
overriding system value
select g.id, g.org_id,
       case when g.u_user < 0.65 then left(f.ascii, 1) || x.last_ascii || g.g end,
       case when g.u_mail < 0.40 then f.ascii || '.' || x.last_ascii || g.g
            when g.u_mail < 0.65 then left(f.ascii, 1) || x.last_ascii || g.g
            when g.u_mail < 0.85 then f.ascii || '_' || x.last_ascii || g.g
            else x.last_ascii || '.' || f.ascii || g.g end
         || '@' || case when g.u_domain < 0.55 then g.org_domain else d.domain end,
       f.name,
       x.last_name,
       case when g.u_misc < 0.8 then (array['Sales Associate','Cashier','Stock Clerk','Shift Lead','Store Manager',
             'Assistant Manager','Pharmacist','Care Assistant','Baker','Butcher','Customer Service','Visual Merchandiser'])[1 + floor(g.u_misc * 15)::int % 12] end,
       case when g.u_misc2 < 0.5 then '+' || lp.calling_code || ' ' || (100000000 + floor(g.u_misc2 * 1e9)::bigint % 899999999) end,
       case when g.u_misc2 > 0.3 then '+' || lp.calling_code || ' ' || (700000000 + (g.g::bigint * 7919) % 99999999) end,
       case when g.u_misc < 0.9 then ol.time_zone end,
       case when g.u_misc2 < 0.85 then 'E' || lpad(g.g::text, 7, '0') end,
       case when g.u_misc2 < 0.25 then jsonb_build_object('badge', 'B-' || g.g) else '{}'::jsonb end,
       case when g.u_misc > 0.95 then '{part-time}'::text[] when g.u_misc > 0.9 then '{night-shift}'::text[] else '{}'::text[] end,
       g.is_active,
       g.has_activated,
       g.u_misc2 between 0.40 and 0.42,
       case when g.has_activated then :'pwhash' end,
       case when g.has_activated and g.u_misc2 < 0.8 then now() - g.u_misc2 * interval '75 days' end,
       x.joined, x.joined, x.joined + (now() - x.joined) * g.u_misc,
       case when g.has_current_store and g.n_stores > 0 then g.first_store + g.store_base end
from bench.staff_gen g
join bench.language_pick lp on lp.lang = g.lang
join bench.languages ol on ol.lang = g.org_lang
join bench.first_name_pick f on f.lang = g.lang and f.gender = g.gender
     and f.n = 1 + floor(g.u_first * case when g.gender = 'f' then lp.n_female else lp.n_male end)::int
join bench.email_domains d on d.lang = g.lang and d.n = 1 + floor(g.u_domain * 100)::int % lp.n_domains
join bench.last_name_pick l on l.lang = g.lang and l.n = 1 + floor(g.u_last * lp.n_last)::int
cross join lateral (
    select case when g.gender = 'f' then l.name_f else l.name_m end as last_name,
           case when g.gender = 'f' then l.ascii_f else l.ascii_m end as last_ascii,
           now() - (g.u_last + g.u_first) / 2 * interval '10 years' as joined) x
order by g.id;

\echo '== the search chunks (what the trigger would have written)'
insert into staff_search (id, organization_id, is_active, has_activated, search_text)
select id, organization_id, is_active, has_activated, search_text from staff where id > :staff_base order by id;

\echo '== login identifiers (what the trigger would have written)'
insert into login_identifiers (identifier, kind, staff_id)
select lower(email), 'email', id from staff where id > :staff_base and email is not null
union all
select lower(username), 'username', id from staff where id > :staff_base and username is not null;

\echo '== staff roles'
insert into staff_roles (staff_id, role_id, organization_id)
select g.id, r.id, g.org_id
from bench.staff_gen g
join bench.role_combos c on c.combo = g.combo
cross join lateral unnest(c.roles) as role_name
join roles r on r.organization_id is null and r.name = role_name;

\echo '== staff stores, with the role ids the trigger would have written'
insert into staff_stores (staff_id, store_id, organization_id, created_at, role_ids)
select g.id, g.first_store + (g.store_base + k) % g.org_n_stores, g.org_id, now() - g.u_misc * interval '3 years',
       r.role_ids
from bench.staff_gen g
cross join lateral (select coalesce(array_agg(sr.role_id order by sr.role_id), '{}') as role_ids
                    from staff_roles sr where sr.staff_id = g.id) r
cross join lateral generate_series(0, least(g.n_stores, g.org_n_stores) - 1) k;

\echo '== teams'
insert into teams (id, organization_id, name, description, responsibilities, created_at, modified_at)
overriding system value
select o.first_team + k,
       o.id,
       (array['Morning Shift','Evening Shift','Night Shift','Weekend Crew','Bakery','Deli Counter','Pharmacy','Checkout',
              'Stockroom','Customer Care','Returns Desk','Visual Merchandising','Inventory','Patient Services','Lab Liaison',
              'Online Orders'])[1 + (k % 16)] || ' ' || (k + 1),
       case when random() < 0.5 then 'Seeded team ' || (k + 1) || ' of ' || o.slug end,
       (select coalesce(array_agg(resp), '{}') from (
          select (array['OPEN_AND_CLOSE_STORE','MANAGE_INVENTORY','HANDLE_CUSTOMER_COMPLAINTS','PROCESS_RETURNS',
                        'SCHEDULE_SHIFTS','COLLECT_PATIENT_PAYMENTS','PROCESS_REFILL_REQUESTS','REVIEW_COVERAGES'])[1 + ((k * 3 + j * 5) % 8)] as resp
          from generate_series(1, (k % 4)) j) rs),
       now() - random() * interval '3 years',
       now() - random() * interval '90 days'
from bench.orgs o
cross join lateral generate_series(0, o.n_teams - 1) k
order by 1;

\echo '== team members'
-- Each organization's staff numbered 0..n-1; a team takes n_members consecutive numbers from a
-- random start (wrapping), so members are distinct. One bigint key keeps the join a hash join.
create unlogged table bench.org_staff as
select org_n::bigint * 10000000 + row_number() over (partition by org_n order by id) - 1 as slot, org_n, id
from bench.staff_gen;
create table bench.org_staff_count as select org_n, count(*) as n from bench.org_staff group by org_n;
analyze bench.org_staff, bench.org_staff_count;

insert into team_members (team_id, staff_id, organization_id, created_at)
select t.id, os.id, t.organization_id, now() - t.u_base * interval '2 years'
from (select o.n as org_n, tm.id, tm.organization_id,
             floor(random() * 51)::int as n_members, random() as u_base
      from teams tm join bench.orgs o on o.id = tm.organization_id
      where tm.id > :team_base) t
join bench.org_staff_count c on c.org_n = t.org_n
cross join lateral generate_series(0, least(t.n_members, c.n) - 1) k
join bench.org_staff os on os.slot = t.org_n::bigint * 10000000 + (floor(t.u_base * c.n)::bigint + k) % c.n;

set session_replication_role = origin;

select setval(pg_get_serial_sequence('public.staff', 'id'), (select max(id) from staff));
select setval(pg_get_serial_sequence('public.stores', 'id'), (select max(id) from stores));
select setval(pg_get_serial_sequence('public.teams', 'id'), (select max(id) from teams));

\echo '== secondary indexes rebuilt'
-- An index of the partitioned staff_search reads "on only": built on the parent alone it would
-- stay invalid, so it is built on every partition.
select replace(ddl, ' ON ONLY ', ' ON ') from bench.saved_indexes order by method = 'gin' desc, table_name, index_name \gexec

\echo '== search terms for bench/run (3-5 letters of first or last names, Latin and Cyrillic)'
create table bench.search_terms (n int primary key, term text not null, matches bigint);
insert into bench.search_terms (n, term)
select row_number() over (order by s.id), s.term
from (select id, substr(lower(name), 1 + floor(u * greatest(length(name) - k + 1, 1))::int, k) as term
      from (select id, case when id % 3 = 0 then first_name else last_name end as name,
                   3 + (id % 3)::int as k, random() as u
            from staff where id > :staff_base and id % (greatest(:n_staff / 400, 1)) = 0) s0) s
where s.term ~ '^[[:alpha:]]{3,5}$'
limit 200;
update bench.search_terms t
set matches = (select count(*) from staff s where s.search_text like '%' || t.term || '%' and s.is_active
               and s.organization_id in (select id from bench.orgs));

insert into bench.meta values
  ('scale', :'scale'),
  ('staff_min_id', (:staff_base + 1)::text),
  ('staff_max_id', (:staff_base + :n_staff)::text),
  ('store_min_id', (select min(first_store) from bench.orgs)::text),
  ('store_max_id', (select max(first_store + n_stores - 1) from bench.orgs)::text),
  ('team_min_id', (select min(first_team) from bench.orgs)::text),
  ('team_max_id', (select max(first_team + n_teams - 1) from bench.orgs)::text),
  ('root_org_id', (select id from bench.orgs where n = 1)::text),
  ('org_ids', (select array_agg(id order by id) from bench.orgs)::text),
  ('admin_id', :'admin_id'),
  ('api_key_id', :'api_key_id');

drop table bench.staff_gen, bench.org_staff;

\echo '== counts'
select (select count(*) from organizations) as organizations, (select count(*) from stores) as stores,
       (select count(*) from staff) as staff, (select count(*) from staff_roles) as staff_roles,
       (select count(*) from staff_stores) as staff_stores, (select count(*) from teams) as teams,
       (select count(*) from team_members) as team_members, (select count(*) from login_identifiers) as login_identifiers;
