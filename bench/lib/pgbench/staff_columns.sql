-- The staff representation the API returns, in one statement: the row, its role names, its stores,
-- its current store, its teams and its full store access flag (the service adds the roles that always
-- have it from the role names). bench/run puts this where the floor scripts say @staff_columns@.
s.id, s.key, s.organization_id, s.username, s.email, s.first_name, s.last_name, s.job_title, s.phone,
       s.mobile_phone, s.time_zone, s.avatar_url, s.remote_id, s.attributes, s.tags, s.is_active,
       s.has_activated, s.last_login, s.date_joined, s.created_at, s.modified_at,
       s.full_store_access,
       array(select r.name from staff_roles sr join roles r on r.id = sr.role_id
             where sr.staff_id = s.id order by r.name) as roles,
       (select json_agg(json_build_object('id', st.id, 'name', st.name, 'remote_id', st.remote_id,
                                          'is_active', st.is_active) order by st.id)
        from staff_stores ss join stores st on st.id = ss.store_id where ss.staff_id = s.id) as retail_stores,
       (select json_build_object('id', cs.id, 'name', cs.name, 'remote_id', cs.remote_id, 'is_active', cs.is_active)
        from stores cs where cs.id = s.current_store_id) as current_store,
       (select json_agg(json_build_object('id', t.id, 'name', t.name) order by t.name, t.id)
        from team_members tm join teams t on t.id = tm.team_id where tm.staff_id = s.id) as teams
from staff s
