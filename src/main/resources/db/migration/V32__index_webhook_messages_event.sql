-- A staff change's queued events get their body in the change's transaction, found by event id.
create index ix_webhook_messages_event on webhook_messages (event_id);
