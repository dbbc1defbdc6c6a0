-- Tenants. Organizations form a tree (a franchisor and its franchisees); `path` is the
-- materialized path of ids ("1/", "1/7/") so "this organization and its descendants"
-- is one indexed prefix match.
create table organizations (
    id          bigint generated always as identity primary key,
    name        text        not null,
    slug        text        not null,
    parent_id   bigint      references organizations (id),
    path        text        not null default '',
    is_active   boolean     not null default true,
    created_at  timestamptz not null default now(),
    modified_at timestamptz not null default now(),
    version     bigint      not null default 0,
    constraint uk_organizations_slug unique (slug),
    constraint ck_organizations_name_not_blank check (length(trim(name)) > 0)
);

create index ix_organizations_parent_id on organizations (parent_id);
create index ix_organizations_path on organizations (path text_pattern_ops);

-- The path is derived from the parent, so the database keeps it right.
create function organizations_set_path() returns trigger
    language plpgsql as
$$
begin
    if new.parent_id is null then
        new.path := new.id || '/';
    else
        select p.path || new.id || '/' into new.path from organizations p where p.id = new.parent_id;
    end if;
    return new;
end;
$$;

create trigger trg_organizations_set_path
    before insert or update of parent_id on organizations
    for each row execute function organizations_set_path();

insert into organizations (name, slug) values ('Default', 'default');
