-- Opaque bearer tokens: only the SHA-256 of the 256-bit secret is stored. Revoking is a
-- row update that every instance sees on its next request.
create table access_tokens (
    id              bigint generated always as identity primary key,
    token_hash      bytea       not null,
    staff_id        bigint      not null references staff (id) on delete cascade,
    organization_id bigint      not null references organizations (id),
    created_at      timestamptz not null default now(),
    expires_at      timestamptz not null,
    revoked_at      timestamptz,
    constraint uk_access_tokens_token_hash unique (token_hash)
);

create index ix_access_tokens_staff_id on access_tokens (staff_id) where revoked_at is null;
create index ix_access_tokens_expires_at on access_tokens (expires_at);
