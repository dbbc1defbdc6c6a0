-- Sessions: a login starts a family of refresh tokens. Refreshing rotates the refresh token
-- (the used one is marked, never deleted), so presenting a used one again reveals theft and
-- revokes the whole family with the access tokens issued in it.
alter table access_tokens add column family_id uuid;

create index ix_access_tokens_family_id on access_tokens (family_id);

create table refresh_tokens (
    id              bigint generated always as identity primary key,
    token_hash      bytea       not null,
    family_id       uuid        not null,
    staff_id        bigint      not null references staff (id) on delete cascade,
    organization_id bigint      not null references organizations (id),
    created_at      timestamptz not null default now(),
    expires_at      timestamptz not null,
    used_at         timestamptz,
    revoked_at      timestamptz,
    constraint uk_refresh_tokens_token_hash unique (token_hash)
);

create index ix_refresh_tokens_family_id on refresh_tokens (family_id);
create index ix_refresh_tokens_staff_id on refresh_tokens (staff_id) where revoked_at is null;
create index ix_refresh_tokens_expires_at on refresh_tokens (expires_at);
