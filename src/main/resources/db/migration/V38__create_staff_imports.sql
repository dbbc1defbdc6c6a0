-- CSV imports of staff (POST /api/v1/staffs/imports). The upload stores the file's rows in chunks of
-- about a thousand, in the transaction that queues the import, so a file is never held whole in
-- memory. A worker on any instance claims a queued import (FOR UPDATE SKIP LOCKED) and applies one
-- chunk per transaction; that transaction also deletes the chunk and adds its outcome to the
-- counters and errors, so after a crash the import resumes at its first remaining chunk and no chunk
-- is applied twice. A claim holds until lease_until, which each chunk renews: when an instance dies,
-- its lease runs out and another instance takes the import over.
create table staff_imports (
    id              bigint generated always as identity primary key,
    organization_id bigint      not null references organizations (id),
    -- Who imports: a staff member or an API key, whose caller is rebuilt for every chunk, so a
    -- deactivated member or a revoked key stops the import.
    staff_id        bigint references staff (id),
    api_key_id      bigint references api_keys (id),
    mode            text        not null,
    dry_run         boolean     not null,
    -- The header's column names, in file order: a stored row is its cells in this order.
    columns         text[]      not null,
    status          text        not null,
    failure_reason  text,
    rows_total      integer     not null,
    rows_done       integer     not null default 0,
    created         integer     not null default 0,
    updated         integer     not null default 0,
    unchanged       integer     not null default 0,
    failed          integer     not null default 0,
    error_count     integer     not null default 0,
    -- The upload request, as the audit events of the import's changes name it.
    request_id      text        not null,
    client_address  text,
    user_agent      text,
    -- The claim of the worker running it: only the holder of the claim writes a chunk's outcome.
    claim           uuid,
    lease_until     timestamptz,
    -- Chunk attempts that failed in a row; a few and the import fails.
    attempts        integer     not null default 0,
    created_at      timestamptz not null,
    started_at      timestamptz,
    finished_at     timestamptz,
    constraint ck_staff_imports_actor check ((staff_id is null) <> (api_key_id is null)),
    constraint ck_staff_imports_mode check (mode in ('create', 'upsert')),
    constraint ck_staff_imports_status check (status in ('queued', 'running', 'succeeded', 'failed')),
    constraint ck_staff_imports_finished check ((finished_at is null) = (status in ('queued', 'running')))
);

-- Workers look for queued imports and running ones whose lease ran out, oldest first.
create index ix_staff_imports_unfinished on staff_imports (id) where status in ('queued', 'running');
-- The retention purge deletes finished imports by age.
create index ix_staff_imports_finished_at on staff_imports (finished_at) where finished_at is not null;
create index ix_staff_imports_organization on staff_imports (organization_id);
create index ix_staff_imports_staff on staff_imports (staff_id) where staff_id is not null;
create index ix_staff_imports_api_key on staff_imports (api_key_id) where api_key_id is not null;

-- The rows not applied yet: [[line, [cell, ...]], ...] in file order, cells as written.
create table staff_import_chunks (
    import_id       bigint  not null references staff_imports (id) on delete cascade,
    chunk           integer not null,
    organization_id bigint  not null references organizations (id),
    rows            jsonb   not null,
    primary key (import_id, chunk)
);

create index ix_staff_import_chunks_organization on staff_import_chunks (organization_id);

-- Why rows failed, read a page at a time in line order.
create table staff_import_errors (
    id              bigint generated always as identity primary key,
    import_id       bigint not null references staff_imports (id) on delete cascade,
    organization_id bigint not null references organizations (id),
    line            bigint not null,
    column_name     text,
    problem         text   not null
);

create index ix_staff_import_errors_import on staff_import_errors (import_id, line, id);
create index ix_staff_import_errors_organization on staff_import_errors (organization_id);
