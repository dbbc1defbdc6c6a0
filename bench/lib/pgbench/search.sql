-- Floor of GET /api/v1/staffs/?search=<term>&page_size=20: the trigram search
-- search_text like '%term%' for one page in id order (the service's default), active staff of the
-- caller's organizations. The term is a bind parameter, as from JDBC; fetching it is a second,
-- trivial statement. No count(*): the floor is the page only.
\set n random(1, :n_terms)
select term from bench.search_terms where n = :n \gset
select @staff_columns@
where s.organization_id = any(cast(:org_ids as bigint[]))
  and s.search_text like '%' || :term || '%'
  and s.is_active
order by s.id
limit 20;
