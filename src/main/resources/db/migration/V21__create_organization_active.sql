-- An organization is in force only while it and every organization above it are active: deactivating
-- a franchisor stops its whole network (logins, sessions, API keys, new staff) without touching the
-- descendants' own flags, so reactivating it restores each descendant exactly as it was. Every check
-- that asks "may this organization act" calls this one function, given the organization's path
-- ("1/7/", its own id last); the ancestors are found by their primary keys.
create function organization_active(organization_path text) returns boolean
    language sql
    stable
    parallel safe
as
$$
select not exists (select 1
                   from organizations a
                   where a.id = any (string_to_array(rtrim(organization_path, '/'), '/')::bigint[])
                     and not a.is_active)
$$;
