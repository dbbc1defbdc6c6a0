-- Floor of POST /api/v1/staffs/ (a pending account with the default member role): one statement,
-- one transaction. The staff row (its login identifier is written by the same trigger as for the
-- service), its role, the activation token and the activation email in the outbox.
\set n random(1, 1000000000)
with s as (
    insert into staff (organization_id, email, first_name, last_name)
    values (:root_org_id, 'pgb-' || gen_random_uuid() || '@bench.example', 'Pgbench', 'Floor ' || :n)
    returning id, organization_id, email),
r as (
    insert into staff_roles (staff_id, role_id, organization_id)
    select s.id, :member_role_id, s.organization_id from s),
t as (
    insert into account_tokens (token_hash, purpose, staff_id, organization_id, expires_at)
    select sha256(convert_to(gen_random_uuid()::text, 'UTF8')), 'activation', s.id, s.organization_id,
           now() + interval '72 hours'
    from s)
insert into email_outbox (organization_id, recipient, subject, text_body, html_body, link)
select s.organization_id, s.email, 'Activate your Staffkit account', repeat('Welcome to Staffkit. ', 30),
       repeat('<p>Welcome to Staffkit.</p>', 30), 'http://localhost:8080/activate?token=' || md5(s.email)
from s;
