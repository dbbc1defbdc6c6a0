-- The count of an organization's staff list (every page but a first that holds all matches): with
-- the account states beside the organization, an index-only scan instead of a heap visit per staff
-- member (20 ms to 1 ms for 13,000 staff at a million).
create index ix_staff_organization_state on staff (organization_id) include (is_active, has_activated);
