-- Floor of GET /api/teams/{id}/members: the first page (20) of a team's active members in id order.
\set team random(:team_min_id, :team_max_id)
select @staff_columns@
where s.organization_id = any(cast(:org_ids as bigint[]))
  and s.id = any(array(select tm.staff_id from team_members tm where tm.team_id = :team))
  and s.is_active
order by s.id
limit 20;
