-- Failed logins per identifier (what was typed, lower-cased), whether or not an account has it,
-- so a lockout never tells which accounts exist. Shared by every instance.
create table login_attempts (
    identifier        text        not null primary key,
    failed_count      integer     not null,
    window_started_at timestamptz not null,
    locked_until      timestamptz
);

create index ix_login_attempts_window_started_at on login_attempts (window_started_at);
