-- Whether an organization is in force (it and every ancestor active), as a set-returning SQL
-- function: PostgreSQL inlines such a function into the query that calls it from FROM, whereas the
-- scalar organization_active() of V21 (a NOT EXISTS inside) is executed as a separate function call
-- on every row, which cost a credential lookup more than its own plan. The rule keeps one home:
-- organization_active() now reads this one.
create function organization_in_force(organization_path text)
    returns table (in_force boolean)
    language sql
    stable
    parallel safe
as
$$
select not exists (select 1
                   from organizations a
                   where a.id = any (string_to_array(rtrim(organization_path, '/'), '/')::bigint[])
                     and not a.is_active)
$$;

create or replace function organization_active(organization_path text) returns boolean
    language sql
    stable
    parallel safe
as
$$
select f.in_force from organization_in_force(organization_path) f
$$;
