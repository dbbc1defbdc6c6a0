-- A bulk request or an import batch writes its new staff members in multi-row inserts, which needs
-- their ids before the insert: the service takes them from a plain sequence fifty at a time
-- (Hibernate's pooled optimizer reads nextval as the top of a block of fifty; an identity column's
-- sequence is invisible to it). A row inserted by SQL alone gets the sequence's next value, which
-- never falls inside a block in use.
alter table staff alter column id drop identity;
create sequence staff_id_seq increment by 50 owned by staff.id;
-- The next block starts above every existing id.
select setval('staff_id_seq', coalesce((select max(id) from staff), 0) + 1, true);
alter table staff alter column id set default nextval('staff_id_seq');
