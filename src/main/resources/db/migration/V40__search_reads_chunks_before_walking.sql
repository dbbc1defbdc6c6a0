-- staff_search_page() (V15) read a search's first page walking the first 4000 staff in id order
-- before anything else. Most terms are not frequent enough to find a page there: they paid the whole
-- walk (a LIKE on 4000 rows, 0.6 ms of the function's 0.8 at 10,000 staff) and then read the chunks
-- anyway. Now each chunk's matches are read once, up to what the capped count still lacks: below the
-- cap that read holds all of the chunk's matches, so it gives the next ids and the count at once.
-- Only a chunk whose read stopped at the cap (a frequent term) may hold more matches than were read,
-- in table order; its first ids then come from a read in id order, in the first chunk the walk on
-- ix_staff_search_first (a frequent term finds its page in a few hundred staff there). Same
-- arguments, same results: the page's ids and the count capped at p_cap.
create or replace function staff_search_page(p_orgs bigint[], p_pattern text, p_active boolean, p_activated boolean,
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
    room      int;
    n         int;
begin
    ids := '{}';
    total := 0;
    last_c := least((select max(id) from staff) >> 15, 64);
    for c in 0 .. coalesce(last_c, -1) loop
        lo := c::bigint << 15;
        hi := case when c < 64 then (c + 1)::bigint << 15 else 9223372036854775807 end;
        if cardinality(ids) >= wanted then
            -- 1. The page is known: count the chunk's matches up to what is left.
            total := total + (select count(*)
                              from (select 1 from staff_search s
                                    where s.id >= lo and s.id < hi
                                      and s.search_text like p_pattern
                                      and (p_active is null or s.is_active = p_active)
                                      and (p_activated is null or s.has_activated = p_activated)
                                      and (p_orgs is null or s.organization_id = any (p_orgs))
                                    limit p_cap - total) x);
        else
            -- 2. The chunk's matches up to what the count lacks, in one read: the next ids and the count.
            room := p_cap - total;
            n := 0;
            chunk_ids := null;
            if room > 0 then
                select array_agg(m.id order by m.id), count(*) into chunk_ids, n
                from (select s.id
                      from staff_search s
                      where s.id >= lo and s.id < hi
                        and s.search_text like p_pattern
                        and (p_active is null or s.is_active = p_active)
                        and (p_activated is null or s.has_activated = p_activated)
                        and (p_orgs is null or s.organization_id = any (p_orgs))
                      limit room) m;
                total := total + n;
            end if;
            if n >= room then
                -- 3. The read stopped at the cap, so the chunk may hold more matches than it read (in
                --    table order): its first ids come from a read in id order. In the first chunk a
                --    frequent term finds them walking the first 4000 staff (index-only, V15).
                chunk_ids := null;
                if c = 0 then
                    select array_agg(w.id order by w.id) into chunk_ids
                    from (select s.id
                          from (select id, organization_id, is_active, has_activated, search_text
                                from staff where id < 32768 order by id limit 4000) s
                          where s.search_text like p_pattern
                            and (p_active is null or s.is_active = p_active)
                            and (p_activated is null or s.has_activated = p_activated)
                            and (p_orgs is null or s.organization_id + 0 = any (p_orgs))
                          order by s.id
                          limit wanted) w;
                    if cardinality(chunk_ids) < wanted then
                        chunk_ids := null;
                    end if;
                end if;
                if chunk_ids is null then
                    select array_agg(m.id order by m.id) into chunk_ids
                    from (select s.id
                          from staff_search s
                          where s.id >= lo and s.id < hi
                            and s.search_text like p_pattern
                            and (p_active is null or s.is_active = p_active)
                            and (p_activated is null or s.has_activated = p_activated)
                            and (p_orgs is null or s.organization_id = any (p_orgs))
                          order by s.id
                          limit wanted - cardinality(ids)) m;
                end if;
            end if;
            ids := ids || coalesce(chunk_ids[1 : wanted - cardinality(ids)], '{}');
        end if;
        exit when total >= p_cap and cardinality(ids) >= wanted;
    end loop;
    ids := coalesce(ids[p_offset + 1 : wanted], '{}');
    total := least(total, p_cap);
end;
$$;
