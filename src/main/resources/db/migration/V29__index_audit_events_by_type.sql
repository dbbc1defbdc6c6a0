-- GET /api/v1/audit-events?type=... for a caller who sees every organization: the type, newest
-- first, without an organization to lead the index. Without it such a filter walks the primary key
-- of every month from the newest event back until it has a page: a rare type read thousands of
-- pages (docs/performance.md, "Audit trail at a million events").
create index ix_audit_events_type on audit_events (type text_pattern_ops, id desc);
