-- The audit trail: one row per change (and per login, failed login, ended session and requested
-- email), written in the transaction of the change. Append-only: a trigger refuses UPDATE, DELETE
-- and TRUNCATE; retention drops whole months, so the table is partitioned by month of occurred_at.
-- The id is a UUIDv7 made from occurred_at: newest first is id order, and a page cursor is an id.
create table audit_events (
    id                        uuid        not null,
    type                      text        not null,
    occurred_at               timestamptz not null,
    -- Null only where no organization is known (a failed login with an unknown identifier).
    organization_id           bigint,
    actor_type                text        not null check (actor_type in ('staff', 'api_key', 'system', 'anonymous')),
    actor_id                  bigint,
    actor_display             text,
    actor_key_creator_id      bigint,
    actor_key_creator_display text,
    target_type               text        not null,
    target_id                 bigint,
    target_display            text,
    changes                   jsonb       not null default '[]',
    request_id                text        not null,
    client_address            text,
    user_agent                text,
    primary key (id, occurred_at)
) partition by range (occurred_at);

-- The filters of GET /api/v1/audit-events and /api/v1/staffs/{id}/history, newest first.
create index ix_audit_events_organization on audit_events (organization_id, id desc);
create index ix_audit_events_organization_type on audit_events (organization_id, type text_pattern_ops, id desc);
create index ix_audit_events_target on audit_events (target_type, target_id, id desc);
create index ix_audit_events_actor on audit_events (actor_type, actor_id, id desc);
create index ix_audit_events_request on audit_events (request_id);

-- How an event names a staff member acting: the rule of StaffEvents.target (email, else username,
-- else name), read as the staff row is when the event is written.
create function staff_display(p_staff_id bigint) returns text
    language sql stable as
$$
select coalesce(s.email, s.username, s.first_name || ' ' || s.last_name) from staff s where s.id = p_staff_id
$$;

create function audit_events_refuse_change() returns trigger
    language plpgsql as
$$
begin
    raise exception 'audit events are append-only: % refused', tg_op
        using errcode = 'insufficient_privilege',
              hint = 'Old events leave only with their month, by the retention purge (drop partition).';
end
$$;

create trigger audit_events_append_only
    before update or delete on audit_events
    for each row execute function audit_events_refuse_change();

create trigger audit_events_no_truncate
    before truncate on audit_events
    for each statement execute function audit_events_refuse_change();

-- The partition of the month that holds p_day, created if missing. Called for the months ahead by
-- every instance at start-up and daily (AuditPartitions), so an insert always finds its month.
create function audit_events_add_month(p_day date) returns text
    language plpgsql as
$$
declare
    first_day date := date_trunc('month', p_day)::date;  -- months in UTC
    name text := format('audit_events_%s', to_char(first_day, 'YYYY_MM'));
begin
    if to_regclass(name) is null then
        execute format('create table %I partition of audit_events for values from (%L) to (%L)',
                       name, first_day::timestamp at time zone 'UTC',
                       (first_day + interval '1 month')::timestamp at time zone 'UTC');
    end if;
    return name;
end
$$;

-- Drops the monthly partitions whose every event occurred before p_cutoff; returns their names.
create function audit_events_drop_months_before(p_cutoff timestamptz) returns setof text
    language plpgsql as
$$
declare
    partition record;
begin
    for partition in
        select c.relname as name
        from pg_inherits i
        join pg_class c on c.oid = i.inhrelid
        where i.inhparent = 'audit_events'::regclass
          and c.relname ~ '^audit_events_\d{4}_\d{2}$'
          and (to_date(substr(c.relname, 14), 'YYYY_MM') + interval '1 month')::timestamp at time zone 'UTC' <= p_cutoff
        order by c.relname
    loop
        execute format('drop table %I', partition.name);
        return next partition.name;
    end loop;
end
$$;

select audit_events_add_month(current_date);
select audit_events_add_month((current_date + interval '1 month')::date);
select audit_events_add_month((current_date + interval '2 months')::date);
