-- updater schema v3: a hash chain per job over the audit log (EventChain in the service, DESIGN.md "Updater").
-- Each event row carries its position in its job (job_seq, 1, 2, ...), the hash of the job's previous event
-- (prev_hash) and its own hash: SHA-256, hex, over the RFC 8785 (JCS) canonical JSON of the row's content, job_seq
-- and prev_hash. Rows stored before this migration keep hash = null: they are numbered but not hashed, and a job's
-- chain starts at its first hashed row (verification reports how many rows came before it, unverified).

alter table events add column job_seq   bigint;
alter table events add column prev_hash char(64);
alter table events add column hash      char(64);

-- number the rows already stored (the append-only triggers refuse updates: off for this one statement)
alter table events disable trigger events_no_update_or_delete;
update events e set job_seq = n.rn
from (select seq, row_number() over (partition by job_id order by seq) as rn from events) n
where n.seq = e.seq;
alter table events enable trigger events_no_update_or_delete;

alter table events alter column job_seq set not null;
create unique index events_job_job_seq on events (job_id, job_seq);

-- The last link of each job's chain, written with every append: a removed last event, or one appended from
-- outside the service, shows up as a difference between the chain and its head.
-- legacy_through: the rows of the job stored before this migration (positions 1..legacy_through, not hashed).
create table event_chain_heads (
    job_id         uuid        primary key,
    job_seq        bigint      not null,
    hash           char(64),
    legacy_through bigint      not null default 0,
    updated_at     timestamptz not null default now()
);

insert into event_chain_heads(job_id, job_seq, hash, legacy_through)
select job_id, max(job_seq), null, max(job_seq) from events group by job_id;
