-- Floor of GET /api/v1/staffs/?search=<term>&page_size=20: the first page (20) in id order of the
-- active staff of the caller's organizations whose search_text contains the term, with the count of
-- matches capped at 1000, from staff_search_page() (V15, V40) as the service reads them. The term is a
-- bind parameter, as from JDBC; fetching it is a second, trivial statement.
\set n random(1, :n_terms)
select term from bench.search_terms where n = :n \gset
select @staff_columns@
join staff_search_page(cast(:org_ids as bigint[]), '%' || :term || '%', true, null, 0, 20, 1000) page
  on s.id = any(page.ids)
order by s.id;
