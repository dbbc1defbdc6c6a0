-- Email written in the same transaction as the change that causes it, and delivered by a
-- scheduled sender that claims rows with FOR UPDATE SKIP LOCKED, so no email is lost or sent by
-- two instances. Bodies are cleared once sent: they may carry single-use links.
create table email_outbox (
    id              bigint generated always as identity primary key,
    organization_id bigint references organizations (id),
    recipient       text        not null,
    subject         text        not null,
    text_body       text        not null,
    html_body       text        not null,
    link            text,
    created_at      timestamptz not null default now(),
    next_attempt_at timestamptz not null default now(),
    attempts        integer     not null default 0,
    last_error      text,
    sent_at         timestamptz
);

create index ix_email_outbox_due on email_outbox (next_attempt_at, id) where sent_at is null;

-- Fixed-window counters for rate-limited public endpoints, shared by every instance.
create table rate_limits (
    key               text        not null primary key,
    window_started_at timestamptz not null,
    hits              integer     not null
);

create index ix_rate_limits_window_started_at on rate_limits (window_started_at);
