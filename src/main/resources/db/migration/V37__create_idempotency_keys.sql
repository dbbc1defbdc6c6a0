-- Idempotency-Key (draft-ietf-httpapi-idempotency-key-header): one row per credential and key.
--
-- A request claims its key by inserting the row, committed before the work starts, so a retry on
-- any instance finds it: still running (completed_at null) → 409; completed → the kept answer is
-- replayed. The claim token lets only the request that holds the claim complete or release it,
-- even after another took over a claim whose lease ran out.
--
-- response_body may hold a secret shown once (a new API key, a generated password): it is kept only
-- to replay it to the same credential and leaves with the row at retention (created_at).
create table idempotency_keys (
    id                    bigint generated always as identity primary key,
    organization_id       bigint      not null,
    credential            text        not null,
    idempotency_key       text        not null,
    fingerprint           bytea       not null,
    claim                 uuid        not null,
    claimed_at            timestamptz not null,
    created_at            timestamptz not null,
    completed_at          timestamptz,
    response_status       integer,
    response_location     text,
    response_content_type text,
    response_body         bytea,
    constraint uk_idempotency_keys_credential_key unique (organization_id, credential, idempotency_key),
    constraint ck_idempotency_keys_completed
        check ((completed_at is null) = (response_status is null))
);

-- The periodic purge deletes by age.
create index ix_idempotency_keys_created_at on idempotency_keys (created_at);
