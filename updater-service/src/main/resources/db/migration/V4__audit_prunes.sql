-- updater schema v4: pruning a job's audit chain, only by an explicit admin action (POST /audit/jobs/{id}/prune),
-- which leaves its own record: a row here with the hash of the last removed event, and a chained event of type
-- pavu.audit.pruned.v1 in the job's trail. Verification starts after the latest prune, from its last hash.

create table audit_prunes (
    id              bigserial    primary key,
    job_id          uuid         not null,
    from_job_seq    bigint       not null,
    through_job_seq bigint       not null,
    last_hash       char(64),                  -- hash of the event at through_job_seq (null: it predates the chain)
    events_removed  integer      not null,
    pruned_by       varchar(200) not null,
    reason          text,
    pruned_at       timestamptz  not null default now()
);
create index audit_prunes_job on audit_prunes (job_id, through_job_seq);

-- The append-only trigger lets one thing through: deleting rows of the one job whose prune the current transaction
-- records (the service sets pavu.audit_prune to that job id with set_config(..., true), transaction-local).
create or replace function events_refuse_change() returns trigger
    language plpgsql as
$$
begin
    if tg_op = 'DELETE' then
        if current_setting('pavu.audit_prune', true) = old.job_id::text then
            return old;
        end if;
    end if;
    raise exception 'updater.events is append-only: % is refused', tg_op
        using errcode = 'restrict_violation';
end;
$$;
