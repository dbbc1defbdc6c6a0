-- Deleting a staff row cascades to its tokens; the partial indexes (live tokens only) did not
-- serve that, so each cascade scanned the token tables. Full indexes on staff_id serve both.
create index ix_access_tokens_staff_id_all on access_tokens (staff_id);
create index ix_refresh_tokens_staff_id_all on refresh_tokens (staff_id);
create index ix_account_tokens_staff_id on account_tokens (staff_id);
drop index ix_access_tokens_staff_id;
drop index ix_refresh_tokens_staff_id;
