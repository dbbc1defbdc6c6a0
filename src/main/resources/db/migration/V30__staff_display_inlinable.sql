-- How an event names a staff member, as a set-returning SQL function: PostgreSQL inlines it into
-- the audit insert that reads it from a sub-select, whereas the scalar staff_display() of V27 ran
-- as a function call of its own per use (0.1 ms each, a third of a staff create's audit cost).
-- The rule keeps one home: staff_display() now reads this one.
create function staff_display_of(p_staff_id bigint)
    returns table (display text)
    language sql
    stable
    parallel safe
as
$$
select coalesce(s.email, s.username, s.first_name || ' ' || s.last_name) from staff s where s.id = p_staff_id
$$;

create or replace function staff_display(p_staff_id bigint) returns text
    language sql
    stable
as
$$
select d.display from staff_display_of(p_staff_id) d
$$;
