-- SCIM filters at a million staff (docs/performance.md, "SCIM filters at a million staff").
--
-- A SCIM list reads one organization without the service user and without members SCIM deleted.
-- Counting it (totalResults), skipping to a deep startIndex and filtering on active read every one
-- of the organization's heap rows for those two columns: ~33,000 pages and 100-150 ms for 100,000
-- staff. The organization's id index now carries them (and is_active), so these are index-only
-- scans. It replaces the index of the same columns rather than adding one: inserts write no more
-- indexes than before, each entry is a few bytes wider. Built in place, like V16: a concurrent
-- build cannot run inside Flyway's transaction; at a million staff this takes a few seconds.
drop index ix_staff_organization_id;
create index ix_staff_organization_id on staff (organization_id, id)
    include (is_active, is_service_user, deprovisioned_at);

-- name.familyName eq and name.givenName eq/sw compare lower(...), as SCIM's case-insensitive text
-- is compared (CriterionSql). The name indexes of V3 hold the names as they are (for the REST API's
-- sort) and cannot serve lower(): each filter read the whole organization (375-530 ms in the
-- largest). Names repeat, so these deduplicated indexes are small (7 MB each at a million staff).
-- text_pattern_ops: equality, and a prefix (sw, a like 'x%') as a range whatever the database's
-- collation.
create index ix_staff_organization_lower_last_name on staff (organization_id, lower(last_name) text_pattern_ops);
create index ix_staff_organization_lower_first_name on staff (organization_id, lower(first_name) text_pattern_ops);
