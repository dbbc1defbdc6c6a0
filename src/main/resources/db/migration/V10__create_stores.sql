-- Retail stores (sites) of an organization, the staff assigned to them, and the store a staff
-- member is working at now.
create table stores (
    id               bigint generated always as identity primary key,
    organization_id  bigint      not null references organizations (id),
    name             text        not null,
    email            text,
    phone_number     text,
    remote_id        text,
    is_active        boolean     not null default true,
    address_line     text,
    address_postcode text,
    address_city     text,
    address_township text,
    address_country  text,
    created_at       timestamptz not null default now(),
    modified_at      timestamptz not null default now(),
    version          bigint      not null default 0,
    constraint uk_stores_organization_remote_id unique (organization_id, remote_id),
    constraint ck_stores_address_country check (address_country ~ '^[A-Z]{2}$')
);

create index ix_stores_organization_id on stores (organization_id, id);
create index ix_stores_organization_name on stores (organization_id, lower(name), id);
create index ix_stores_name_search on stores using gin (lower(name) gin_trgm_ops);

create table staff_stores (
    staff_id        bigint      not null references staff (id) on delete cascade,
    store_id        bigint      not null references stores (id),
    organization_id bigint      not null references organizations (id),
    created_at      timestamptz not null default now(),
    primary key (staff_id, store_id)
);

create index ix_staff_stores_store_id on staff_stores (store_id, staff_id);

alter table staff add column current_store_id bigint references stores (id);

create index ix_staff_current_store_id on staff (current_store_id) where current_store_id is not null;
