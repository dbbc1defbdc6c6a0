-- A staff member's session epoch moves on every deactivation, role change and password change.
-- Tokens carry the epoch they were issued under and only work while it is current, so a login or
-- refresh that was in flight during the change cannot hand out a token that outlives it.
alter table staff add column session_epoch integer not null default 0;
alter table access_tokens add column session_epoch integer not null default 0;
alter table refresh_tokens add column session_epoch integer not null default 0;
