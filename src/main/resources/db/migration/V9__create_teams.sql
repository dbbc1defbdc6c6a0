-- Teams: named groups of staff that carry responsibilities, used to route work.
create table teams (
    id               bigint generated always as identity primary key,
    organization_id  bigint      not null references organizations (id),
    name             text        not null,
    description      text,
    responsibilities text[]      not null default '{}',
    created_at       timestamptz not null default now(),
    modified_at      timestamptz not null default now(),
    version          bigint      not null default 0
);

create unique index uk_teams_organization_name on teams (organization_id, lower(name));
create index ix_teams_organization_id on teams (organization_id, id);
create index ix_teams_responsibilities on teams using gin (responsibilities);
create index ix_teams_name_search on teams using gin (lower(name) gin_trgm_ops);

create table team_members (
    team_id         bigint      not null references teams (id) on delete cascade,
    staff_id        bigint      not null references staff (id) on delete cascade,
    organization_id bigint      not null references organizations (id),
    created_at      timestamptz not null default now(),
    primary key (team_id, staff_id)
);

create index ix_team_members_staff_id on team_members (staff_id, team_id);
