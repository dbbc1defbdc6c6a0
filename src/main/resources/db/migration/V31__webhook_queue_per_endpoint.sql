-- Claims walk the due events of each active endpoint (a few of each), so that no endpoint's backlog
-- hides another's: the due events by endpoint replace the single due index of V28.
create index ix_webhook_messages_endpoint_due on webhook_messages (endpoint_id, next_attempt_at, id)
    where next_attempt_at is not null;
drop index ix_webhook_messages_due;

-- The delivery log's retention deletes events that were delivered or given up, oldest first.
create index ix_webhook_messages_finished on webhook_messages (created_at) where next_attempt_at is null;

-- A failing streak is continuous: a failure after a quiet spell longer than the retries starts anew.
alter table webhook_endpoints add column last_failure_at timestamptz;
