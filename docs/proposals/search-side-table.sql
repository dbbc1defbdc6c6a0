-- Proposal, measured at 1M staff but not applied (see docs/performance.md, "Search at a million staff").
-- To apply it, copy it into src/main/resources/db/migration under the next free version and route
-- searches in the default order without other filters through staff_search_first().
--
-- Partial-name search at a million staff: the page (first rows in id order) and the count capped at
-- 1000 cost ~1-2 ms for every term. Two structures:
--  * a covering btree so an id-ordered walk over the first staff is index-only (frequent terms);
--  * a narrow copy of the searched columns, range-partitioned by id in chunks of 32768 ids, each
--    chunk with its own trigram GIN, so a bitmap scan costs the matches of one chunk, not of the table.
-- staff_search_first() picks the walk or the chunks per term and returns the page ids and the count.

create index ix_staff_search_cover on staff (id) include (organization_id, is_active, search_text);

create table staff_search (
    id              bigint  not null,
    organization_id bigint  not null,
    is_active       boolean not null,
    search_text     text    not null
) partition by range (id);

-- 64 chunks = ids below 2,097,152; later ids land in the default partition until a migration adds
-- chunks (correct either way, only slower for them).
do $$
begin
    for c in 0 .. 63 loop
        execute format('create table staff_search_%s partition of staff_search for values from (%s) to (%s)',
                       c, c::bigint << 15, (c + 1)::bigint << 15);
    end loop;
end;
$$;
create table staff_search_default partition of staff_search default;

-- Hash, not btree: maintenance looks rows up by id, and no id-ordered path must compete with the GIN.
create index ix_staff_search_id on staff_search using hash (id);
create index ix_staff_search_trgm on staff_search using gin (search_text gin_trgm_ops) with (fastupdate = off);

insert into staff_search (id, organization_id, is_active, search_text)
select id, organization_id, is_active, search_text from staff order by id;
analyze staff_search;

create function staff_search_sync() returns trigger
    language plpgsql as
$$
begin
    if tg_op <> 'INSERT' then
        delete from staff_search where id = old.id;
    end if;
    if tg_op <> 'DELETE' then
        insert into staff_search (id, organization_id, is_active, search_text)
        values (new.id, new.organization_id, new.is_active, new.search_text);
    end if;
    return null;
end;
$$;

create trigger trg_staff_search_sync
    after insert or delete or update of organization_id, is_active, first_name, last_name, email, username on staff
    for each row execute function staff_search_sync();

-- The first p_rows matching ids (id order) and the number of matches capped at p_cap, for
-- search_text like p_pattern, active staff unless p_include_inactive, organization in p_orgs.
create function staff_search_first(p_orgs bigint[], p_pattern text, p_include_inactive boolean,
                                   p_rows int, p_cap int, out ids bigint[], out total int)
    language plpgsql stable
    set plan_cache_mode = force_generic_plan as
$$
declare
    c         bigint;
    last_c    bigint;
    chunk_ids bigint[];
    n         int;
begin
    -- 1. A frequent term: its first p_rows matches lie among the first 4000 staff by id; walk them
    --    in id order on the covering index (index-only).
    select array_agg(w.id order by w.id) into ids
    from (select s.id
          from (select id, organization_id, is_active, search_text from staff order by id limit 4000) s
          where s.search_text like p_pattern
            and (s.is_active or p_include_inactive)
            and s.organization_id + 0 = any (p_orgs)
          order by s.id
          limit p_rows) w;
    ids := coalesce(ids, '{}');
    total := 0;
    last_c := (select max(id) from staff) >> 15;
    if cardinality(ids) = p_rows then
        -- 2a. Count the matches chunk by chunk (one partition and its GIN each), up to p_cap.
        for c in 0 .. last_c loop
            total := total + (select count(*)
                              from (select 1 from staff_search s
                                    where s.id >= c << 15 and s.id < (c + 1) << 15
                                      and s.search_text like p_pattern
                                      and (s.is_active or p_include_inactive)
                                      and s.organization_id + 0 = any (p_orgs)
                                    limit p_cap - total) x);
            exit when total >= p_cap;
        end loop;
    else
        -- 2b. A rarer term: all matches of a chunk at once give the page in id order and the count.
        ids := '{}';
        for c in 0 .. last_c loop
            select array_agg(s.id order by s.id), count(*) into chunk_ids, n
            from staff_search s
            where s.id >= c << 15 and s.id < (c + 1) << 15
              and s.search_text like p_pattern
              and (s.is_active or p_include_inactive)
              and s.organization_id + 0 = any (p_orgs);
            if n > 0 and cardinality(ids) < p_rows then
                ids := ids || chunk_ids[1 : p_rows - cardinality(ids)];
            end if;
            total := total + n;
            exit when total >= p_cap and cardinality(ids) >= p_rows;
        end loop;
    end if;
    total := least(total, p_cap);
end;
$$;
