-- Partial-name search at a million staff (docs/performance.md, "Third round"): the first page in id
-- order and the count capped at 1000 cost a few milliseconds for every term, where one trigram
-- index over the whole table costs a read of every match of a frequent term (tens of thousands).
--
--  * ix_staff_search_first: the first chunk of staff by id with what a search filters on, so a
--    frequent term finds its first page walking them, index-only. Partial: a copy of the primary
--    key over the whole table would stand in for it in every lookup by id, at four times its size.
--  * staff_search: a narrow copy of what a search filters on, range-partitioned by id in chunks of
--    32768 ids, each chunk with its own trigram index. A search reads chunk after chunk and stops
--    once it has its page and the capped count: the matches of one chunk, not of the table.
--  * staff_search_page(): picks the walk or the chunks and returns the page's ids and the count.
--
-- Searches with other filters or another order keep the trigram index on staff itself.

-- No write may slip between the copy below and the trigger that keeps it current.
lock table staff in share row exclusive mode;

-- The chunks start at id 0 (identity ids start at 1): a negative id, possible only by overriding the
-- identity, would be in no chunk.
alter table staff add constraint ck_staff_id_not_negative check (id >= 0);

create table staff_search (
    id              bigint  not null,
    organization_id bigint  not null,
    is_active       boolean not null,
    has_activated   boolean not null,
    search_text     text    not null
) partition by range (id);

-- 64 chunks of 2^15 ids hold the ids below 2,097,152. Later ids land in the default partition, read
-- as one last chunk (correct, only slower once it is large). To add chunks, change together: the
-- partitions here, and in staff_search_page() the 64 in last_c and in both chunk bounds. The chunk
-- size (2^15 = 32768) is also in ix_staff_search_first and step 1 of staff_search_page().
do $$
begin
    for c in 0 .. 63 loop
        execute format('create table staff_search_%s partition of staff_search for values from (%s) to (%s)',
                       c, c::bigint << 15, (c + 1)::bigint << 15);
    end loop;
end;
$$;
create table staff_search_default partition of staff_search default;

insert into staff_search (id, organization_id, is_active, has_activated, search_text)
select id, organization_id, is_active, has_activated, search_text from staff order by id;

-- Hash, not btree: the trigger finds rows by id, and no id-ordered path must compete with the
-- trigram index for a chunk's matches. New rows wait in a short pending list (256 kB, merged in
-- batches): inserting each row's trigrams one by one would halve the rate of staff inserts, and a
-- search reads at most the pending list of the newest chunks.
create index ix_staff_search_id on staff_search using hash (id);
create index ix_staff_search_trgm on staff_search using gin (search_text gin_trgm_ops)
    with (fastupdate = on, gin_pending_list_limit = 256);
create index ix_staff_search_first on staff (id) include (organization_id, is_active, has_activated, search_text)
    where id < 32768;
analyze staff_search;

create function staff_search_sync() returns trigger
    language plpgsql as
$$
begin
    if tg_op = 'INSERT' then
        insert into staff_search (id, organization_id, is_active, has_activated, search_text)
        values (new.id, new.organization_id, new.is_active, new.has_activated, new.search_text);
    elsif tg_op = 'UPDATE' then
        update staff_search
        set organization_id = new.organization_id, is_active = new.is_active,
            has_activated = new.has_activated, search_text = new.search_text
        where id = old.id;
    elsif tg_op = 'DELETE' then
        delete from staff_search where id = old.id;
    else
        truncate staff_search;
    end if;
    return null;
end;
$$;

create trigger trg_staff_search_insert after insert on staff
    for each row execute function staff_search_sync();
-- Most updates (a login, a phone number) change nothing a search reads.
create trigger trg_staff_search_update after update on staff
    for each row
    when (old.search_text is distinct from new.search_text
        or old.organization_id is distinct from new.organization_id
        or old.is_active is distinct from new.is_active
        or old.has_activated is distinct from new.has_activated)
    execute function staff_search_sync();
create trigger trg_staff_search_delete after delete on staff
    for each row execute function staff_search_sync();

create trigger trg_staff_search_truncate after truncate on staff
    for each statement execute function staff_search_sync();

-- One page of the staff whose search_text is like p_pattern, in id order (p_offset rows skipped,
-- p_limit rows returned), and the number of all matches capped at p_cap. p_orgs: the organizations
-- searched (null: all); p_active, p_activated: the required states (null: either).
create function staff_search_page(p_orgs bigint[], p_pattern text, p_active boolean, p_activated boolean,
                                  p_offset int, p_limit int, p_cap int, out ids bigint[], out total int)
    language plpgsql stable
    -- One plan for every call: the chunk bounds are runtime parameters that prune the partitions at
    -- execution (the plan still locks all 65 partitions, once per call: cheap next to a search).
    set plan_cache_mode = force_generic_plan as
$$
declare
    wanted    int := p_offset + p_limit;
    last_c    int;
    lo        bigint;
    hi        bigint;
    chunk_ids bigint[];
    n         int;
begin
    -- 1. A frequent term has its first rows among the first 4000 staff: walk them in id order on
    --    ix_staff_search_first (index-only; the ids of the first chunk come before all others).
    select coalesce(array_agg(w.id order by w.id), '{}') into ids
    from (select s.id
          from (select id, organization_id, is_active, has_activated, search_text
                from staff where id < 32768 order by id limit 4000) s
          where s.search_text like p_pattern
            and (p_active is null or s.is_active = p_active)
            and (p_activated is null or s.has_activated = p_activated)
            and (p_orgs is null or s.organization_id + 0 = any (p_orgs))
          order by s.id
          limit wanted) w;
    total := 0;
    last_c := least((select max(id) from staff) >> 15, 64);
    if cardinality(ids) = wanted then
        -- 2a. The page is known: count the matches chunk by chunk, each chunk up to what is left.
        for c in 0 .. coalesce(last_c, -1) loop
            lo := c::bigint << 15;
            hi := case when c < 64 then (c + 1)::bigint << 15 else 9223372036854775807 end;
            total := total + (select count(*)
                              from (select 1 from staff_search s
                                    where s.id >= lo and s.id < hi
                                      and s.search_text like p_pattern
                                      and (p_active is null or s.is_active = p_active)
                                      and (p_activated is null or s.has_activated = p_activated)
                                      and (p_orgs is null or s.organization_id = any (p_orgs))
                                    limit p_cap - total) x);
            exit when total >= p_cap;
        end loop;
    else
        -- 2b. A rarer term: every match of a chunk at once gives both the next ids and the count.
        ids := '{}';
        for c in 0 .. coalesce(last_c, -1) loop
            lo := c::bigint << 15;
            hi := case when c < 64 then (c + 1)::bigint << 15 else 9223372036854775807 end;
            select array_agg(s.id order by s.id), count(*) into chunk_ids, n
            from staff_search s
            where s.id >= lo and s.id < hi
              and s.search_text like p_pattern
              and (p_active is null or s.is_active = p_active)
              and (p_activated is null or s.has_activated = p_activated)
              and (p_orgs is null or s.organization_id = any (p_orgs));
            if n > 0 and cardinality(ids) < wanted then
                ids := ids || chunk_ids[1 : wanted - cardinality(ids)];
            end if;
            total := total + n;
            exit when total >= p_cap and cardinality(ids) >= wanted;
        end loop;
    end if;
    ids := coalesce(ids[p_offset + 1 : wanted], '{}');
    total := least(total, p_cap);
end;
$$;
