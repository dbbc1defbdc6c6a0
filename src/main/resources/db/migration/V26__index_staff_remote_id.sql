-- A lookup by remote_id from a caller that sees every organization (a superadmin, a root
-- organization's API key) has no organization to lead uk_staff_organization_remote_id with, and
-- PostgreSQL 17 cannot skip-scan it: it read the whole index. Partial, so staff created without a
-- remote_id (invited ones) pay no index write.
create index ix_staff_remote_id on staff (remote_id) where remote_id is not null;
