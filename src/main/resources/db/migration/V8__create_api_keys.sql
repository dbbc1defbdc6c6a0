-- API keys for integration partners: only the SHA-256 of the secret and a short visible prefix
-- are stored. A key acts within its organization with its roles' permissions.
create table api_keys (
    id              bigint generated always as identity primary key,
    organization_id bigint      not null references organizations (id),
    name            text        not null,
    prefix          text        not null,
    key_hash        bytea       not null,
    created_by      bigint      references staff (id),
    created_at      timestamptz not null default now(),
    expires_at      timestamptz,
    last_used_at    timestamptz,
    revoked_at      timestamptz,
    constraint uk_api_keys_key_hash unique (key_hash)
);

create index ix_api_keys_organization_id on api_keys (organization_id, id);
create index ix_api_keys_created_by on api_keys (created_by);

create table api_key_roles (
    api_key_id      bigint not null references api_keys (id) on delete cascade,
    role_id         bigint not null references roles (id),
    organization_id bigint not null references organizations (id),
    primary key (api_key_id, role_id)
);

create index ix_api_key_roles_role_id on api_key_roles (role_id);
