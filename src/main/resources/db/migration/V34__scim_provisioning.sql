-- SCIM 2.0 provisioning (RFC 7643/7644).
--
-- Staff: what identity providers keep beside the profile the REST API already has: the display
-- name, the enterprise User extension's attributes, and whether SCIM deleted the member. A SCIM
-- DELETE deactivates and marks (nothing is erased); SCIM answers 404 for a marked member until it
-- is reactivated, which clears the mark. All nullable without defaults: adding them rewrites nothing.
alter table staff
    add column display_name            text,
    add column employee_number         text,
    add column cost_center             text,
    add column enterprise_organization text,
    add column division                text,
    add column department              text,
    add column manager_id              text,
    add column deprovisioned_at        timestamptz;

-- displayName eq (case-insensitive, as RFC 7643 defines it) within an organization. Partial: staff
-- made through the REST API have none and pay no index write.
create index ix_staff_organization_display_name on staff (organization_id, lower(display_name))
    where display_name is not null;

-- Teams are SCIM Groups; an identity provider names its group by externalId (case-exact, unique in
-- the organization like a staff member's remote_id).
alter table teams add column external_id text;
create unique index uk_teams_organization_external_id on teams (organization_id, external_id)
    where external_id is not null;

-- The role a SCIM client's new users get: a role name of the key's organization, resolved at each
-- create (a renamed or deleted role fails that create clearly instead of being guessed). Null: member.
alter table api_keys add column scim_default_role text;

-- A staff member's username may be its own email (Okta's default userName is the email). Both still
-- claim the identifier, so lookups by kind keep working, but the identifier is unique per staff
-- member rather than per row: the key becomes (identifier, kind), and a claim fails only when
-- another staff member holds the identifier under either kind. Claims of one identifier take a
-- transaction lock on it first, so two transactions cannot both pass that check for two people.
alter table login_identifiers drop constraint login_identifiers_pkey;
alter table login_identifiers add constraint login_identifiers_pkey primary key (identifier, kind);

create or replace function staff_claim_login_identifier(p_staff_id bigint, p_kind text, p_value text) returns void
    language plpgsql as
$$
begin
    delete from login_identifiers where staff_id = p_staff_id and kind = p_kind;
    if p_value is null then
        return;
    end if;
    -- 1819240297 is "logi": this lock's own key space, apart from the service's single-key locks.
    perform pg_advisory_xact_lock(1819240297, hashtext(lower(p_value)));
    if exists (select 1 from login_identifiers where identifier = lower(p_value) and staff_id <> p_staff_id) then
        raise exception 'duplicate key value violates unique constraint "uk_login_identifiers_%"', p_kind
            using errcode = 'unique_violation', constraint = 'uk_login_identifiers_' || p_kind;
    end if;
    insert into login_identifiers (identifier, kind, staff_id) values (lower(p_value), p_kind, p_staff_id);
end;
$$;
