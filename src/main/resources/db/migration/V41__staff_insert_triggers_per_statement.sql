-- New staff members claim their login identifiers and enter the search chunks once per insert
-- statement, not once per row: creates are written many rows to a statement (a group of single
-- creates, a bulk request, an import chunk), and the row triggers cost a PL/pgSQL call and two to
-- five statements per row (docs/performance.md, fourteenth round). Updates and deletes keep their
-- row triggers (V3, V15, V34): they touch one staff member at a time.

create function staff_search_insert_rows() returns trigger
    language plpgsql as
$$
begin
    insert into staff_search (id, organization_id, is_active, has_activated, search_text)
    select id, organization_id, is_active, has_activated, search_text from inserted;
    return null;
end;
$$;

drop trigger trg_staff_search_insert on staff;
create trigger trg_staff_search_insert after insert on staff
    referencing new table as inserted
    for each statement execute function staff_search_insert_rows();

-- The rule of staff_claim_login_identifier (V34) for a set of new staff members: an identifier
-- (either kind) held by another staff member, or claimed by two of the new ones, fails the insert
-- with the constraint named for the kind that claimed it (email before username). The advisory
-- locks on the identifiers are taken in one order, so two inserts claiming overlapping identifiers
-- wait for each other instead of deadlocking. New staff members hold no identifiers yet.
create function staff_claim_new_login_identifiers() returns trigger
    language plpgsql as
$$
declare
    taken_kind text;
begin
    perform count(*) from (
        select pg_advisory_xact_lock(1819240297, key)
        from (select distinct hashtext(lower(value)) as key
              from (select email as value from inserted union all select username from inserted) claimed
              where value is not null
              order by 1) keys
    ) locked;

    with claimed as (
        select lower(email) as identifier, 'email' as kind, id as staff_id from inserted where email is not null
        union all
        select lower(username), 'username', id from inserted where username is not null
    )
    select c.kind into taken_kind
    from claimed c
    where exists (select 1 from login_identifiers li where li.identifier = c.identifier and li.staff_id <> c.staff_id)
       or exists (select 1 from claimed o where o.identifier = c.identifier and o.staff_id <> c.staff_id)
    order by c.kind = 'username', c.staff_id
    limit 1;
    if taken_kind is not null then
        raise exception 'duplicate key value violates unique constraint "uk_login_identifiers_%"', taken_kind
            using errcode = 'unique_violation', constraint = 'uk_login_identifiers_' || taken_kind;
    end if;

    insert into login_identifiers (identifier, kind, staff_id)
    select lower(email), 'email', id from inserted where email is not null
    union all
    select lower(username), 'username', id from inserted where username is not null;
    return null;
end;
$$;

drop trigger trg_staff_sync_login_identifiers on staff;
create trigger trg_staff_sync_login_identifiers
    after update of email, username on staff
    for each row execute function staff_sync_login_identifiers();
create trigger trg_staff_claim_new_login_identifiers after insert on staff
    referencing new table as inserted
    for each statement execute function staff_claim_new_login_identifiers();
