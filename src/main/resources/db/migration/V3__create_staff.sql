create extension if not exists pg_trgm;

create table staff (
    id                bigint generated always as identity primary key,
    key               uuid        not null default gen_random_uuid(),
    organization_id   bigint      not null references organizations (id),
    username          text,
    email             text,
    first_name        text        not null,
    last_name         text        not null,
    job_title         text,
    phone             text,
    mobile_phone      text,
    time_zone         text,
    avatar_url        text,
    remote_id         text,
    attributes        jsonb       not null default '{}',
    tags              text[]      not null default '{}',
    is_active         boolean     not null default true,
    has_activated     boolean     not null default false,
    is_service_user   boolean     not null default false,
    full_store_access boolean     not null default false,
    password_hash     text,
    last_login        timestamptz,
    date_joined       timestamptz not null default now(),
    created_at        timestamptz not null default now(),
    modified_at       timestamptz not null default now(),
    version           bigint      not null default 0,
    -- One normalized column for the partial search, kept up to date by the database.
    search_text       text generated always as (
        lower(first_name || ' ' || last_name || ' ' || coalesce(email, '') || ' ' || coalesce(username, ''))
    ) stored,
    constraint uk_staff_key unique (key),
    constraint uk_staff_organization_remote_id unique (organization_id, remote_id)
);

create index ix_staff_organization_id on staff (organization_id, id);
create index ix_staff_organization_last_name on staff (organization_id, last_name, id);
create index ix_staff_organization_first_name on staff (organization_id, first_name, id);
create index ix_staff_organization_email on staff (organization_id, lower(email));
create index ix_staff_organization_username on staff (organization_id, lower(username));
create index ix_staff_organization_created_at on staff (organization_id, created_at, id);
create index ix_staff_organization_modified_at on staff (organization_id, modified_at, id);
create index ix_staff_search_text on staff using gin (search_text gin_trgm_ops);
create unique index uk_staff_service_user on staff (organization_id) where is_service_user;

create table staff_roles (
    staff_id        bigint not null references staff (id) on delete cascade,
    role_id         bigint not null references roles (id),
    organization_id bigint not null references organizations (id),
    primary key (staff_id, role_id)
);

create index ix_staff_roles_role_id on staff_roles (role_id, organization_id);

-- Email and username are login identifiers, unique case-insensitively across the whole
-- service. They live in one small global table (a reference table if the tenant tables
-- are ever distributed by organization), kept in step with staff by a trigger.
create table login_identifiers (
    identifier text   not null primary key,
    kind       text   not null,
    staff_id   bigint not null references staff (id) on delete cascade,
    constraint ck_login_identifiers_kind check (kind in ('email', 'username')),
    constraint uk_login_identifiers_staff_kind unique (staff_id, kind)
);

create function staff_claim_login_identifier(p_staff_id bigint, p_kind text, p_value text) returns void
    language plpgsql as
$$
begin
    delete from login_identifiers where staff_id = p_staff_id and kind = p_kind;
    if p_value is null then
        return;
    end if;
    insert into login_identifiers (identifier, kind, staff_id)
    values (lower(p_value), p_kind, p_staff_id)
    on conflict (identifier) do nothing;
    if not found then
        raise exception 'duplicate key value violates unique constraint "uk_login_identifiers_%"', p_kind
            using errcode = 'unique_violation', constraint = 'uk_login_identifiers_' || p_kind;
    end if;
end;
$$;

create function staff_sync_login_identifiers() returns trigger
    language plpgsql as
$$
begin
    if tg_op = 'INSERT' or new.email is distinct from old.email then
        perform staff_claim_login_identifier(new.id, 'email', new.email);
    end if;
    if tg_op = 'INSERT' or new.username is distinct from old.username then
        perform staff_claim_login_identifier(new.id, 'username', new.username);
    end if;
    return null;
end;
$$;

create trigger trg_staff_sync_login_identifiers
    after insert or update of email, username on staff
    for each row execute function staff_sync_login_identifiers();
