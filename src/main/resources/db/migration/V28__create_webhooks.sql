-- Webhooks: endpoints of an organization that receive its audit events, signed per Standard
-- Webhooks 1.0. Every event recorded in audit_events is queued for each matching active endpoint by
-- a trigger, in the transaction that records it: no event without its deliveries, none lost.
create table webhook_endpoints (
    id                         bigint generated always as identity primary key,
    organization_id            bigint      not null references organizations (id),
    url                        text        not null,
    -- Exact types (staff.created), a family (staff.*) or every event (*).
    event_types                text[]      not null,
    description                text        not null default '',
    is_active                  boolean     not null default true,
    -- Why Staffkit turned it off (a 410, days of failures); null when active or turned off by a caller.
    disabled_reason            text,
    -- The signing secret's 32 bytes, and for a day after a rotation the one before it.
    secret                     bytea       not null,
    previous_secret            bytea,
    previous_secret_expires_at timestamptz,
    -- The first failed attempt since the last success: three days of failures disable it.
    failing_since              timestamptz,
    last_success_at            timestamptz,
    created_at                 timestamptz not null default now(),
    modified_at                timestamptz not null default now()
);

create index ix_webhook_endpoints_organization on webhook_endpoints (organization_id, id);

-- One event to send to one endpoint. The body is kept from the first attempt on, so that every
-- retry sends the same bytes; next_attempt_at is null once it was delivered or given up.
create table webhook_messages (
    id              bigint generated always as identity primary key,
    endpoint_id     bigint      not null references webhook_endpoints (id) on delete cascade,
    event_id        uuid        not null,
    event_type      text        not null,
    body            text,
    attempts        integer     not null default 0,
    next_attempt_at timestamptz,
    created_at      timestamptz not null default now()
);

create index ix_webhook_messages_due on webhook_messages (next_attempt_at) where next_attempt_at is not null;
create index ix_webhook_messages_endpoint on webhook_messages (endpoint_id);

-- Every attempt, as GET /api/v1/webhooks/{id}/deliveries shows it; never the secret or the
-- signature, and at most 4 KB of the answer.
create table webhook_deliveries (
    id              bigint generated always as identity primary key,
    endpoint_id     bigint      not null references webhook_endpoints (id) on delete cascade,
    message_id      bigint      not null references webhook_messages (id) on delete cascade,
    event_id        uuid        not null,
    event_type      text        not null,
    attempt         integer     not null,
    attempted_at    timestamptz not null,
    response_status integer,
    duration_ms     integer     not null,
    error           text,
    response_body   text
);

create index ix_webhook_deliveries_endpoint on webhook_deliveries (endpoint_id, id desc);
create index ix_webhook_deliveries_message on webhook_deliveries (message_id);

-- Whether an endpoint subscribed with these patterns receives an event of this type: the one home
-- of the matching rule.
create function webhook_event_matches(p_patterns text[], p_type text) returns boolean
    language sql immutable as
$$
select exists (select 1
               from unnest(p_patterns) p
               where p = p_type
                  or p = '*'
                  or (right(p, 2) = '.*' and starts_with(p_type, left(p, -1))))
$$;

-- Queues a recorded event for every active endpoint of its organization that subscribed to it (a
-- webhook.test only for the endpoint it tests), and tells every instance through the change channel
-- so that one of them sends it at once. An organization without endpoints costs one index probe.
create function webhook_messages_queue() returns trigger
    language plpgsql as
$$
declare
    queued integer;
begin
    if new.organization_id is null then
        return null;
    end if;
    insert into webhook_messages (endpoint_id, event_id, event_type, next_attempt_at)
    select w.id, new.id, new.type, now()
    from webhook_endpoints w
    where w.organization_id = new.organization_id
      and w.is_active
      and case
              when new.type = 'webhook.test' then w.id = new.target_id
              else webhook_event_matches(w.event_types, new.type)
          end;
    get diagnostics queued = row_count;
    if queued > 0 then
        perform pg_notify('staffkit_changes', 'webhook.queued webhook 0 ' || new.organization_id);
    end if;
    return null;
end
$$;

create trigger audit_events_to_webhooks
    after insert on audit_events
    for each row execute function webhook_messages_queue();

-- Managing webhooks is a permission of the organization's owners and admins (and superadmin's).
update roles
set permissions = array_append(permissions, 'webhooks:manage'),
    modified_at = now()
where is_built_in
  and name in ('superadmin', 'owner', 'admin')
  and not ('webhooks:manage' = any (permissions));
