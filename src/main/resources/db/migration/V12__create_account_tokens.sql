-- Single-use tokens mailed to a staff member: account activation and password reset. Only the
-- SHA-256 of each 256-bit token is stored.
create table account_tokens (
    id              bigint generated always as identity primary key,
    token_hash      bytea       not null,
    purpose         text        not null,
    staff_id        bigint      not null references staff (id) on delete cascade,
    organization_id bigint      not null references organizations (id),
    created_at      timestamptz not null default now(),
    expires_at      timestamptz not null,
    used_at         timestamptz,
    invalidated_at  timestamptz,
    constraint uk_account_tokens_token_hash unique (token_hash),
    constraint ck_account_tokens_purpose check (purpose in ('activation', 'password_reset'))
);

create index ix_account_tokens_staff_purpose on account_tokens (staff_id, purpose)
    where used_at is null and invalidated_at is null;
create index ix_account_tokens_expires_at on account_tokens (expires_at);
