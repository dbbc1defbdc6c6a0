-- Roles are named sets of permissions ("resource:action"). Built-in roles belong to no
-- organization and cannot be changed; custom roles belong to one organization.
create table roles (
    id              bigint generated always as identity primary key,
    organization_id bigint      references organizations (id),
    name            text        not null,
    description     text        not null default '',
    permissions     text[]      not null default '{}',
    is_built_in     boolean     not null default false,
    created_at      timestamptz not null default now(),
    modified_at     timestamptz not null default now(),
    version         bigint      not null default 0,
    constraint ck_roles_built_in_scope check (is_built_in = (organization_id is null))
);

create unique index uk_roles_built_in_name on roles (lower(name)) where organization_id is null;
create unique index uk_roles_organization_name on roles (organization_id, lower(name)) where organization_id is not null;

insert into roles (name, description, is_built_in, permissions) values
('superadmin', 'Every permission, in every organization.', true,
 '{staff:read,staff:write,staff:deactivate,roles:read,roles:write,roles:assign,teams:read,teams:write,stores:read,stores:write,organizations:read,organizations:write,api-keys:manage,audit:read}'),
('owner', 'Every permission, in its organization and its descendants.', true,
 '{staff:read,staff:write,staff:deactivate,roles:read,roles:write,roles:assign,teams:read,teams:write,stores:read,stores:write,organizations:read,organizations:write,api-keys:manage,audit:read}'),
('admin', 'Manages its organization: every permission except organizations:write.', true,
 '{staff:read,staff:write,staff:deactivate,roles:read,roles:write,roles:assign,teams:read,teams:write,stores:read,stores:write,organizations:read,api-keys:manage,audit:read}'),
('manager', 'Manages staff and teams; reads stores.', true,
 '{staff:read,staff:write,teams:read,teams:write,stores:read}'),
('member', 'Reads the staff directory, teams and stores.', true,
 '{staff:read,teams:read,stores:read}'),
('worker', 'No permissions and cannot log in; exists to be referenced (for example by services rendered).', true,
 '{}');
