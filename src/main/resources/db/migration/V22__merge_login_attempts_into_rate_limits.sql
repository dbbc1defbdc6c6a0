-- Login lockouts are rate limits that lock their key once over: one table for both. The rows of
-- login_attempts are transient counters, so they are not carried over.
alter table rate_limits add column locked_until timestamptz;

drop table login_attempts;
